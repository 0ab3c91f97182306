"""An output folder that is framing's own: built aside, swapped in whole, never a user's.

``output_folder(path, command)`` yields a temporary folder beside ``path``; when the block
ends without error the temporary folder becomes ``path`` in one atomic swap, carrying a
marker file (``.framing-output``: the command, framing's version and the entries it wrote).

What it replaces, and what it refuses (one line naming the folder, ``--force`` the way out):

- a new path, an empty folder, or a folder whose marker names the same command: replaced;
- a folder whose marker names another command (``framing classroom -o`` pointed at an
  ``analyze`` output): refused;
- a folder holding anything framing did not write (a user's thesis, a notes file dropped
  into a report folder): refused, since replacing it would delete those files;
- an output nested inside (``framing export``'s default ``reports/NAME/data-csv/`` inside
  ``analyze``'s ``reports/NAME/``) is carried into the new output, so commands that share a
  default folder never delete each other's outputs;
- a folder that holds the corpus, the lexicons, the working directory or the home folder
  is refused even with ``force``.

Every termination leaves the old output whole or the new one whole. An exception or a
signal (``interrupts``) removes the temporary folder; the swap itself runs with signals
held back and is one ``renameat2(RENAME_EXCHANGE)`` on Linux. A SIGKILL cannot be caught:
the temporary folders it leaves (``.NAME.partial-PID-*``, ``.NAME.old-PID-*``) are named
after the process that made them, and the next run beside them removes those of
processes that are gone, first moving back any nested output or a previous output that
the kill left out of place. Such a folder is never taken for an output: its name is not
the output's.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import __version__, interrupts
from .errors import FramingError

MARKER = ".framing-output"

#: What each command wrote before outputs carried a marker (framing 0.1 without it). A
#: folder without a marker is taken for such an output only when it holds nothing but
#: these files and framing's own record of the run (``analysis.json``, ``codebook.json``):
#: a folder of a user's CSV files or a user's own data/ and report.html is never one.
LEGACY_CLASSROOM = frozenset({"worksheet.html", "answer-key.html", "teacher-guide.html"})


def _table_files() -> frozenset[str]:
    """Every file name a framing data folder holds, in each export format."""
    from .codebook import CODEBOOK, OTHER_FILES

    stems = [name.rsplit(".", 1)[0] for name in CODEBOOK]
    return frozenset([*CODEBOOK, *OTHER_FILES, *(f"{s}.jsonl" for s in stems), *(f"{s}.parquet" for s in stems)])


#: Written errors that are the output's fault, not the analysis's: a full disk, a
#: read-only or vanished folder, permissions.
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.ENOENT, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY, errno.EXDEV, errno.EFBIG, errno.ENAMETOOLONG})


def read_marker(folder: Path) -> dict | None:
    """The marker of a framing output folder, or None (also for an unreadable marker)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("command"), str) else None


def _is_output(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and read_marker(folder) is not None


def _legacy_output(command: str, folder: Path, names: Iterable[str]) -> bool:
    """Whether ``folder`` (entries ``names``) is an output ``command`` wrote before markers."""
    names = set(names)
    if not names:
        return False
    if command == "classroom":
        return names == LEGACY_CLASSROOM
    if command == "export":
        return "codebook.json" in names and names <= _table_files()
    if command == "analyze" and names == {"report.html", "data"} and (folder / "data").is_dir():
        data = set(_listing(folder / "data"))
        return {"analysis.json", "codebook.json"} <= data and data <= _table_files()
    return False


def _listing(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        raise FramingError(f"{folder}: cannot read the output folder ({exc.strerror or exc})") from None


def nested_outputs(folder: Path, own: Iterable[str] = ()) -> list[str]:
    """Entries of ``folder`` that are framing outputs of their own (not among ``own``)."""
    own = set(own)
    return [n for n in _listing(folder) if n not in own and n != MARKER and _is_output(folder / n)]


def check_replaceable(outdir: Path, command: str, *, force: bool = False, protected: Iterable[Path] = ()) -> None:
    """Raise ``FramingError`` unless ``outdir`` may be replaced by ``command``'s output."""
    outdir = Path(outdir)
    here = outdir.absolute()
    guarded = [Path.cwd(), Path.home(), *protected]
    for path in guarded:
        try:
            inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(here))
        except (OSError, ValueError):
            continue
        if inside:
            raise FramingError(f"{outdir}: output folder holds {path}; choose a folder of its own for the output")
    if outdir.is_symlink():  # replacing it would replace the link, not the folder it names
        raise FramingError(f"{outdir}: output path is a symbolic link (to {os.readlink(outdir)}); give the folder itself")
    if outdir.exists() and not outdir.is_dir():
        raise FramingError(f"{outdir}: output path exists and is a file")
    if not outdir.exists():
        return
    names = [n for n in _listing(outdir)]
    if not names or force:
        return
    marker = read_marker(outdir)
    nested = set(nested_outputs(outdir))
    if marker is None:
        if _legacy_output(command, outdir, [n for n in names if n not in nested]):
            return
        raise FramingError(
            f"{outdir}: folder exists and is not a framing output; refusing to replace it (its files would be deleted): choose a new or empty folder, or --force"
        )
    if marker["command"] != command:
        raise FramingError(
            f"{outdir}: folder holds the output of `framing {marker['command']}`; refusing to replace it with `framing {command}`'s: choose another folder, or --force"
        )
    written = set(marker.get("entries") or ())
    foreign = [n for n in names if n != MARKER and n not in written and n not in nested]
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise FramingError(f"{outdir}: framing output holds files framing did not write ({shown}); refusing to replace it: move them, or --force")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


def _leftovers(parent: Path, name: str) -> Iterator[tuple[str, Path]]:
    """("partial" | "old", path) of temporary folders of ``name`` whose process is gone."""
    try:
        entries = sorted(os.listdir(parent))
    except OSError:
        return
    for entry in entries:
        for kind in ("partial", "old"):
            prefix = f".{name}.{kind}-"
            if entry.startswith(prefix):
                pid = entry[len(prefix) :].split("-", 1)[0]
                if pid.isdigit() and not _alive(int(pid)):
                    yield kind, parent / entry


def clean_leftovers(outdir: Path) -> None:
    """Remove what killed runs left beside ``outdir``, putting outputs back first: a previous
    output that a kill left renamed aside (``.old-``) when ``outdir`` is missing, and nested
    outputs that had been moved into a temporary folder."""
    outdir = Path(outdir)
    parent = outdir.absolute().parent
    for kind, path in _leftovers(parent, outdir.name):
        try:
            if kind == "old" and not outdir.exists() and (path / "x").is_dir():
                os.rename(path / "x", outdir)
            elif outdir.is_dir():
                for nested in nested_outputs(path):
                    if not os.path.lexists(outdir / nested):
                        os.rename(path / nested, outdir / nested)
        except OSError:
            continue  # leave it for a later run rather than lose anything
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False
    where the system or the file system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _write_marker(folder: Path, command: str, entries: list[str]) -> None:
    text = json.dumps({"command": command, "entries": entries, "framing": __version__}, indent=2, sort_keys=True) + "\n"
    with (folder / MARKER).open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _is_write_error(exc: OSError) -> bool:
    return exc.filename is not None or exc.errno in _WRITE_ERRNOS


def _commit(tmp: Path, outdir: Path, command: str) -> None:
    """Swap ``tmp`` in as ``outdir`` (signals held back by the caller)."""
    entries = _listing(tmp)
    _write_marker(tmp, command, entries)
    if not outdir.exists():
        os.rename(tmp, outdir)
        return
    for nested in nested_outputs(outdir, own=entries):
        os.rename(outdir / nested, tmp / nested)  # a kill from here on: clean_leftovers moves it back
    if _exchange(tmp, outdir):
        shutil.rmtree(tmp, ignore_errors=True)  # now the previous output
        return
    old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old-{os.getpid()}-", dir=outdir.absolute().parent))
    os.rename(outdir, old / "x")
    try:
        os.rename(tmp, outdir)  # a kill between the renames: clean_leftovers restores old/x
    except OSError:
        os.rename(old / "x", outdir)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def output_folder(outdir: Path | str, command: str, *, force: bool = False, protected: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temporary folder that replaces ``outdir`` whole when the block succeeds (see
    the module docstring for what may be replaced). ``protected``: paths the output folder
    must never hold (the corpus, the lexicons)."""
    outdir = Path(outdir)
    protected = tuple(protected)
    check_replaceable(outdir, command, force=force, protected=protected)

    def commit(tmp: Path) -> None:
        check_replaceable(outdir, command, force=force, protected=protected)  # again: the run took a while
        _commit(tmp, outdir, command)

    with _built_aside(outdir, commit, "cannot write output here", before=clean_leftovers) as tmp:
        yield tmp


@contextmanager
def new_folder(folder: Path | str) -> Iterator[Path]:
    """A folder that must not exist yet (or be empty), built aside and renamed in whole:
    ``framing init``'s corpus folder. It carries no marker: it is the user's, not an output."""
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise FramingError(f"{folder}: exists and is not a folder")
    if folder.is_dir() and _listing(folder):
        raise FramingError(f"{folder}: folder exists and is not empty; refusing to write into it")

    def commit(tmp: Path) -> None:
        if folder.is_dir():
            os.rmdir(folder)  # empty, checked above; rmdir refuses if that changed
        os.rename(tmp, folder)

    with _built_aside(folder, commit, "cannot write here") as tmp:
        yield tmp


@contextmanager
def _built_aside(target: Path, commit, problem: str, *, before=None) -> Iterator[Path]:
    """A temporary folder beside ``target`` (named after this process, so a later run can
    tell a killed run's leftovers), handed to ``commit`` with signals held back when the
    block succeeds, and removed on any failure. A write error (a full disk, permissions)
    becomes one line "TARGET: PROBLEM: why"; any other error goes through as it is."""
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if before is not None:
            before(target)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-{os.getpid()}-", dir=parent))
        os.chmod(tmp, 0o755)
    except OSError as exc:
        raise FramingError(f"{target}: {problem} ({exc.strerror or exc})") from None
    try:
        yield tmp
        interrupts.check()
        with interrupts.deferred():
            commit(tmp)
    except OSError as exc:
        with interrupts.deferred():
            shutil.rmtree(tmp, ignore_errors=True)
        if not _is_write_error(exc):
            raise
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(target) else ""
        raise FramingError(f"{target}: {problem}: {exc.strerror or exc}{where}") from None
    except BaseException:
        with interrupts.deferred():
            shutil.rmtree(tmp, ignore_errors=True)
        raise
