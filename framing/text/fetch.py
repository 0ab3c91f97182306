"""``framing fetch``: a list of URLs fetched once into a cache folder that ``framing analyze``
then reads offline.

The list is a text file (one URL a line, ``#`` comments) or a CSV file with a URL column:
``url`` (Media Cloud, GDELT's DOC API), ``DocumentIdentifier`` (GDELT GKG) or ``SOURCEURL``
(GDELT events), matched whatever the case. Each page is stored under the SHA-256 of its URL
(``pages/<hash>.html``: content-addressed, so a URL is never stored twice and a page once
stored is never fetched again), with ``corpus.csv`` naming each file's URL and id. The
fetch is polite: robots.txt is respected, requests to one host are at least ``delay``
seconds apart, each has a timeout and is retried on a timeout or a server error, a page
larger than ``max_bytes`` or that is no HTML is refused. What could not be fetched, and
why, is ``.fetch/failures.csv``; ``.fetch/log.jsonl`` records every URL done, so an
interrupted fetch resumes where it stopped and loses or repeats nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import CorpusError
from .records import sniff_delimiter

__all__ = ["FetchReport", "fetch_urls", "read_url_list"]

URL_COLUMNS = ("url", "documentidentifier", "sourceurl")
USER_AGENT = "framing-fetch/0.1 (a research tool: one request per page, robots.txt respected)"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_url_list(path: Path) -> list[str]:
    """The http(s) URLs of a list file, in order, each once."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read the URL list ({getattr(exc, 'strerror', None) or exc})") from None
    urls: list[str] = []
    if path.suffix.lower() in (".csv", ".tsv"):
        reader = csv.DictReader(raw.splitlines(), delimiter=sniff_delimiter(raw.split("\n", 1)[0]))
        column = next((h for h in reader.fieldnames or [] if h and h.strip().casefold() in URL_COLUMNS), None)
        if column is None:
            raise CorpusError(f"{path}: no URL column (looked for url, DocumentIdentifier, SOURCEURL; found {', '.join(reader.fieldnames or []) or 'none'})")
        urls = [(row.get(column) or "").strip() for row in reader]
    else:
        urls = [line.strip() for line in raw.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    seen: set[str] = set()
    out = []
    for u in urls:
        if u.lower().startswith(("http://", "https://")) and u not in seen:
            seen.add(u)
            out.append(u)
    if not out:
        raise CorpusError(f"{path}: no http or https URL in the list")
    return out


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


@dataclass
class FetchReport:
    fetched: int = 0  # pages stored in this run
    cached: int = 0  # already in the cache, not fetched again
    failed: int = 0


class _NoRedirectLoop(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def _opener():
    return urllib.request.build_opener(_NoRedirectLoop())


class _Robots:
    """robots.txt per host, read once (a missing or unreadable one allows everything)."""

    def __init__(self, opener, timeout: float):
        self.opener, self.timeout = opener, timeout
        self.parsers: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self.parsers:
            parser = urllib.robotparser.RobotFileParser()
            try:
                with self.opener.open(urllib.request.Request(host + "/robots.txt", headers={"User-Agent": USER_AGENT}), timeout=self.timeout) as response:
                    parser.parse(response.read(512 * 1024).decode("utf-8", "replace").splitlines())
            except (urllib.error.URLError, OSError, ValueError):
                parser = None
            self.parsers[host] = parser
        parser = self.parsers[host]
        return parser is None or parser.can_fetch(USER_AGENT, url)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _read_log(log: Path) -> dict[str, dict]:
    done: dict[str, dict] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by an interruption: that URL is fetched again
            done[entry["url"]] = entry
    return done


def _page_id(url: str, key: str) -> str:
    host = (urlsplit(url).hostname or "page").removeprefix("www.")
    return f"{host}-{key[:10]}"


def _csv_bytes(header: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([r[k] for k in header] for r in rows)
    return out.getvalue().encode("utf-8")


def _write_manifest(cache: Path, urls: list[str], done: dict[str, dict]) -> None:
    entries = [done[u] for u in urls if u in done]
    _atomic_write(cache / "corpus.csv", _csv_bytes(["file", "id", "url"], [r for r in entries if r["status"] == "ok"]))
    _atomic_write(cache / ".fetch" / "failures.csv", _csv_bytes(["url", "reason"], [r for r in entries if r["status"] != "ok"]))


def fetch_urls(
    urls: Iterable[str],
    cache: Path,
    *,
    delay: float = 1.0,
    timeout: float = 20.0,
    retries: int = 2,
    max_bytes: int = 20 * 1024 * 1024,
    progress: Callable[[int, int, str, str], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Fetch every URL not yet in ``cache`` (see the module docstring); ``progress(done,
    total, url, outcome)`` after each one."""
    urls = list(urls)
    (cache / "pages").mkdir(parents=True, exist_ok=True)
    (cache / ".fetch").mkdir(exist_ok=True)
    log = cache / ".fetch" / "log.jsonl"
    done = _read_log(log)
    opener = _opener()
    robots = _Robots(opener, timeout)
    last_request: dict[str, float] = {}
    report = FetchReport()
    try:
        with log.open("a", encoding="utf-8") as log_file:
            for n, url in enumerate(urls, 1):
                if url in done:
                    report.cached += 1
                    if progress:
                        progress(n, len(urls), url, "cached")
                    continue
                key = url_key(url)
                entry = _fetch_one(url, key, cache, opener, robots, last_request, delay=delay, timeout=timeout, retries=retries, max_bytes=max_bytes, clock=clock, sleep=sleep)
                done[url] = entry
                log_file.write(json.dumps(entry, sort_keys=True) + "\n")
                log_file.flush()
                if entry["status"] == "ok":
                    report.fetched += 1
                else:
                    report.failed += 1
                if progress:
                    progress(n, len(urls), url, entry["status"] if entry["status"] == "ok" else entry["reason"])
    finally:  # also on an interruption: the cache names what it holds
        _write_manifest(cache, urls, done)
    report.failed = sum(1 for u in urls if done.get(u, {}).get("status") == "failed")
    return report


def _fetch_one(url, key, cache, opener, robots, last_request, *, delay, timeout, retries, max_bytes, clock, sleep) -> dict:
    base = {"url": url, "id": _page_id(url, key), "file": f"pages/{key}.html"}
    if not robots.allowed(url):
        return {**base, "status": "failed", "reason": "disallowed by robots.txt"}
    host = urlsplit(url).netloc
    reason = ""
    for attempt in range(retries + 1):
        wait = last_request.get(host, -1e9) + delay - clock()
        if wait > 0:
            sleep(wait)
        last_request[host] = clock()
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
            with opener.open(request, timeout=timeout) as response:
                kind = (response.headers.get_content_type() or "").lower()
                if kind not in HTML_TYPES:
                    return {**base, "status": "failed", "reason": f"not an HTML page ({kind or 'no type'})"}
                data = response.read(max_bytes + 1)
                if len(data) > max_bytes:
                    return {**base, "status": "failed", "reason": f"larger than {max_bytes:,} bytes"}
                final = response.geturl()
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason}"
            if exc.code < 500 and exc.code != 429:
                return {**base, "status": "failed", "reason": reason}
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = f"{getattr(exc, 'reason', None) or exc}"
            if "timed out" in reason.lower():
                reason = f"timed out after {timeout:g} s"
        else:
            path = cache / base["file"]
            # the page as fetched, with where it came from, the way a browser saves one
            note = f"<!-- saved from url=({len(final):04d}){final} -->\n".encode("utf-8")
            _atomic_write(path, note + data)
            return {**base, "status": "ok", "reason": "", "final_url": final}
        if attempt < retries:
            sleep(delay * (2**attempt))
    return {**base, "status": "failed", "reason": f"{reason} ({retries + 1} tries)"}
