"""A folder of .txt/.md files, saved web pages (.html) and Word documents (.docx), with an optional manifest (``manifest``).

A folder's articles are its .txt/.md files (not hidden ones, not a README) and the ones its
manifest lists, in subfolders too. Other .txt/.md files in subfolders are counted in a
warning, or read with ``recursive=True`` (not in hidden or ``lexicons`` folders, and not
through symbolic links to folders, which can loop). An article's default id is its file
name without the suffix, or for a file in a subfolder its relative path without the suffix
("2026/jan/a"), so ids stay unique. A file that cannot be read as text (a symbolic link loop
or one to a missing file, a file that vanished or cannot be opened, a file name that is not
UTF-8) is skipped with a named warning (``strict=True`` makes it an error).
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ..errors import CorpusError
from ..types import Article
from .corpus import IGNORED_SHOWN, MAX_ARTICLE_CHARS, MISSING, NOT_ARTICLE_FOLDERS, SURROGATE, TEXT_SUFFIXES, Corpus, clean_value, decode_text, first_line, link_target, printable, replaced_warning
from .dates import ambiguous_dates_warning, iso_date
from .docx import DOCX_SUFFIXES, read_docx
from .html import HTML_SUFFIXES, extractor_name, read_page
from .manifest import read_manifest

#: Files that are articles in a folder: plain text and saved web pages.
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES)
#: The provenance articles.csv gives a Word document's text.
DOCX_READER = "framing docx reader (word/document.xml)"
#: A saved page is markup around the text: it may be this many times an article's limit.
MAX_PAGE_BYTES = 4 * MAX_ARTICLE_CHARS


def _inside(root: str, candidate: Path) -> bool:
    """Whether ``candidate``, symbolic links followed, is in the folder whose real path is
    ``root``. os.path.realpath does not raise on a link loop (Path.resolve does before 3.13)."""
    return Path(os.path.realpath(candidate)).is_relative_to(root)


def _relative_id(rel: str) -> str:
    """The default id of the file at ``rel``: its stem, or for a file in a subfolder its
    relative path without the suffix ("2026/jan/a"), so that ids stay unique."""
    return rel[: len(rel) - len(PurePosixPath(rel).suffix)]


def _is_article_name(name: str) -> bool:
    """Hidden files, other formats and a folder's README are not articles."""
    p = PurePosixPath(name)
    return not name.startswith(".") and p.suffix.lower() in ARTICLE_SUFFIXES and p.stem.casefold() != "readme"


#: Files a corpus folder holds that are not articles and need no word: its manifest.
_NOT_ARTICLES = frozenset({"corpus.toml", "corpus.csv"})
#: How many of the other files a warning names.
OTHER_SHOWN = 5


def _other_file(name: str) -> bool:
    """A file that is no article and not one a corpus folder holds anyway (hidden files,
    the manifest, a README): a .docx, .pdf or .json left among the articles."""
    p = PurePosixPath(name)
    return not name.startswith(".") and name.casefold() not in _NOT_ARTICLES and p.stem.casefold() != "readme" and p.suffix.lower() not in ARTICLE_SUFFIXES


def _list_folder(folder: Path, *, recursive: bool, skip: Callable[[str], None], others: list[str] | None = None) -> tuple[dict[str, Path], list[str]]:
    """The article files of a folder by relative path ("a.txt", "2026/jan/b.txt"), and the
    .txt/.md files in subfolders left out when not ``recursive`` (they are counted, so the
    subfolders are walked either way). Hidden and ``lexicons`` folders hold no articles;
    symbolic links to folders are not followed, since one can loop."""
    top = os.fspath(folder)
    found: dict[str, Path] = {}
    ignored: list[str] = []

    def unlistable(exc: OSError) -> None:
        if exc.filename == top:
            raise CorpusError(f"{folder}: cannot list the folder ({exc.strerror or exc})")
        if recursive:  # otherwise only the count of left-out files misses them
            skip(f"skipped {exc.filename}: cannot list the folder ({exc.strerror or exc})")

    for dirpath, dirnames, filenames in os.walk(top, onerror=unlistable, followlinks=False):
        rel_dir = os.path.relpath(dirpath, top)
        prefix = "" if rel_dir == os.curdir else rel_dir.replace(os.sep, "/") + "/"
        kept = []
        for name in sorted(dirnames):
            if name.startswith(".") or name.casefold() in NOT_ARTICLE_FOLDERS:
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                if recursive:
                    skip(f"skipped {os.path.join(dirpath, name)}: symbolic link to a folder; not followed")
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not _is_article_name(name):
                # a browser's "save page" assets folder ("page_files/") holds no articles
                if others is not None and _other_file(name) and (not prefix or recursive) and not prefix.split("/")[0].endswith("_files"):
                    others.append(prefix + name)
                continue
            if prefix and not recursive:
                ignored.append(prefix + name)
            else:
                found[prefix + name] = folder / (prefix + name)
    return found, sorted(ignored)


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, read through the handle whose size is checked."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > 4 * MAX_ARTICLE_CHARS:  # not even worth decoding
            raise CorpusError(f"{path}: {size // 1_000_000} MB is too large for one article (limit {MAX_ARTICLE_CHARS // 1_000_000} million characters)")
        return handle.read()


def _manifest_file(folder: Path, root: str, manifest: Path, name: str) -> str:
    """The relative path on disk of a file the manifest lists (the manifest may spell it in
    another Unicode normal form than the file system); an error when it is outside the folder
    or not a readable file."""
    for variant in dict.fromkeys((name, unicodedata.normalize("NFC", name), unicodedata.normalize("NFD", name))):
        if os.path.lexists(folder / variant):
            name = variant
            break
    target = folder / name
    if not _inside(root, target):
        raise CorpusError(f"{manifest}: article file {name!r} is outside the corpus folder; refused")
    status = link_target(target)
    if status == MISSING:
        raise CorpusError(f"{manifest}: article file {name!r} not found in {folder}")
    if isinstance(status, str):
        raise CorpusError(f"{manifest}: article file {name!r}: {status}")
    if not stat.S_ISREG(status.st_mode):
        raise CorpusError(f"{manifest}: article file {name!r} is not a file")
    return name


def read_folder(folder: Path, *, strict: bool, recursive: bool = False, dayfirst: bool = False) -> Corpus:
    warnings: list[str] = []
    ambiguous: list[str] = []

    def skip(message: str) -> None:
        if strict:
            raise CorpusError(printable(message))
        warnings.append(message)

    manifest = read_manifest(folder)
    root = os.path.realpath(folder)
    entries: dict[str, dict[str, str]] = {}  # relative path on disk -> manifest entry
    if manifest:
        for name, entry in manifest.articles.items():
            rel = _manifest_file(folder, root, manifest.path, name)
            if rel in entries:  # two spellings of one name
                raise CorpusError(f"{manifest.path}: article file {name!r} listed twice")
            entries[rel] = entry
    others: list[str] = []
    files, ignored = _list_folder(folder, recursive=recursive, skip=skip, others=others)
    others = [rel for rel in others if rel not in entries]
    if others:
        shown = ", ".join(others[:OTHER_SHOWN]) + (", ..." if len(others) > OTHER_SHOWN else "")
        skip(f"skipped {len(others)} file{'s' if len(others) != 1 else ''} that {'are' if len(others) != 1 else 'is'} not .txt, .md, .html or .docx ({shown}); save them as text or web pages to read them")
    ignored = [rel for rel in ignored if rel not in entries]  # a listed file is read
    if ignored:
        shown = ", ".join(ignored[:IGNORED_SHOWN]) + (", ..." if len(ignored) > IGNORED_SHOWN else "")
        many = len(ignored) != 1
        warnings.append(f"ignored {len(ignored)} article file{'s' if many else ''} in subfolders ({shown}); use --recursive to read {'them' if many else 'it'}")
    for rel in entries:
        files.setdefault(rel, folder / rel)

    articles: dict[str, Article] = {}
    notes: dict[str, str] = {}
    for rel in sorted(files):
        p = files[rel]
        if SURROGATE.search(rel):  # undecodable bytes: no message, id or report could hold the name
            skip(f"skipped {printable(str(p))}: file name is not valid UTF-8; rename it")
            continue
        if PurePosixPath(rel).suffix.lower() not in ARTICLE_SUFFIXES:  # only a manifest lists one
            skip(f"skipped {p}: not a .txt, .md, .html or .docx file")
            continue
        if PurePosixPath(rel).stem.casefold() == "readme":
            skip(f"skipped {p}: a README is never an article")
            continue
        status = link_target(p)
        if isinstance(status, str):
            skip(f"skipped {p}: {'disappeared while the folder was read' if status == MISSING else status}")
            continue
        if not _inside(root, p):
            raise CorpusError(f"{p}: symbolic link leads outside the corpus folder; refused")
        if not stat.S_ISREG(status.st_mode):  # a pipe named .txt would block the read
            skip(f"skipped {p}: not a regular file")
            continue
        page = None
        doc_title = None
        try:
            if PurePosixPath(rel).suffix.lower() in HTML_SUFFIXES:
                data = _read_bytes(p)
                if len(data) > MAX_PAGE_BYTES:
                    skip(f"skipped {p}: {len(data):,} bytes is too large for one page (limit {MAX_PAGE_BYTES:,})")
                    continue
                page = read_page(data, str(p), url=entries.get(rel, {}).get("url", ""))
                text, warning = page.text, ""
            elif PurePosixPath(rel).suffix.lower() in DOCX_SUFFIXES:
                data = _read_bytes(p)
                if len(data) > MAX_PAGE_BYTES:
                    skip(f"skipped {p}: {len(data):,} bytes is too large for one document (limit {MAX_PAGE_BYTES:,})")
                    continue
                text, doc_title = read_docx(data, str(p))
                warning = ""
            else:
                text, warning = decode_text(_read_bytes(p), str(p))
        except CorpusError as exc:
            skip(f"skipped {exc}")
            continue
        except FileNotFoundError:
            skip(f"skipped {p}: disappeared while the folder was read")
            continue
        except OSError as exc:
            skip(f"skipped {p}: cannot read ({exc.strerror or exc})")
            continue
        if warning:
            warnings.append(warning)
        if not text.strip():
            skip(f"skipped {p}: empty file")
            continue
        if len(text) > MAX_ARTICLE_CHARS:
            skip(f"skipped {p}: {len(text):,} characters is too large for one article (limit {MAX_ARTICLE_CHARS:,})")
            continue
        text, bad = clean_value(text)
        if bad:
            warnings.append(replaced_warning(str(p), bad))
        meta = entries.get(rel, {})
        default_id = clean_value(_relative_id(rel))[0]
        article_id = meta.get("id") or default_id
        if article_id in articles:
            raise CorpusError(f"{p}: duplicate article id {article_id!r}")
        articles[article_id] = Article(
            id=article_id,
            outlet=meta.get("outlet") or (page.site if page else "") or default_id,
            title=meta["title"] if "title" in meta else (page.title if page and page.title else doc_title or first_line(text)),
            text=text,
            source=rel,
            published=iso_date(meta.get("date", ""), dayfirst=dayfirst)[0] or (page.date if page else ""),
            url=meta.get("url", "") or (page.url if page else ""),
            author=page.author if page else "",
            extractor=extractor_name() if page else (DOCX_READER if doc_title is not None else ""),
        )
        if "note" in meta:
            notes[article_id] = meta["note"]
        if iso_date(meta.get("date", ""), dayfirst=dayfirst)[1]:
            ambiguous.append(meta["date"])
    if ambiguous:
        warnings.append(ambiguous_dates_warning(str(manifest.path) if manifest else str(folder), ambiguous, dayfirst))
    name = manifest.name if manifest and manifest.name else Path(root).name
    return Corpus(
        name=SURROGATE.sub("\ufffd", name),
        articles=tuple(articles[k] for k in sorted(articles)),
        event=manifest.event if manifest else "",
        lexicon_paths=manifest.lexicons if manifest else (),
        warnings=tuple(printable(w) for w in warnings),
        notes=notes,
    )


