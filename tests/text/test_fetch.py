"""``framing fetch`` against a local HTTP server on loopback only, with pages written for
the test: redirects, a 404, a slow page, a PDF, a huge page, a flaky server, robots.txt; an
interrupted fetch resumed loses and repeats nothing, and the cache is reused byte for byte."""

from __future__ import annotations

import csv
import http.server
import threading
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import CorpusError
from framing.text import read_corpus
from framing.text.fetch import fetch_urls, read_url_list, url_key

from .pages.build import PAGES, build

HITS: Counter = Counter()
FLAKY: Counter = Counter()


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8", headers: dict | None = None):
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        HITS[self.path] += 1
        pages = {f"/{spec.source.rsplit('.', 1)[0]}": spec for spec in PAGES}
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path in pages:
            return self._send(200, build(pages[self.path]).encode("utf-8"))
        if self.path == "/moved":
            return self._send(301, b"", headers={"Location": "/river-deal"})
        if self.path == "/slow":
            time.sleep(1.5)
            return self._send(200, b"<html><body><p>late</p></body></html>")
        if self.path == "/report.pdf":
            return self._send(200, b"%PDF-1.4 ...", "application/pdf")
        if self.path == "/huge":
            return self._send(200, b"<html><body>" + b"<p>word word word</p>" * 5000 + b"</body></html>")
        if self.path == "/flaky":
            FLAKY[self.path] += 1
            if FLAKY[self.path] == 1:
                return self._send(503, b"busy")
            return self._send(200, build(PAGES[3]).encode("utf-8"))
        return self._send(404, b"not here")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _urls(base: str) -> list[str]:
    return [f"{base}/harbour-strike", f"{base}/moved", f"{base}/school-closures", f"{base}/missing", f"{base}/private/x",
            f"{base}/report.pdf", f"{base}/slow", f"{base}/huge", f"{base}/flaky"]


def _failures(cache) -> dict[str, str]:
    with (cache / ".fetch" / "failures.csv").open(encoding="utf-8") as fh:
        return {r["url"].rsplit("/", 1)[-1]: r["reason"] for r in csv.DictReader(fh)}


def test_a_fetch_stores_pages_once_names_each_failure_and_reads_offline(server, tmp_path):
    cache = tmp_path / "cache"
    report = fetch_urls(_urls(server), cache, delay=0.01, timeout=0.5, retries=1, max_bytes=50_000)
    assert (report.fetched, report.failed) == (4, 5)
    failures = _failures(cache)
    assert failures["missing"].startswith("HTTP 404")
    assert failures["x"] == "disallowed by robots.txt" and HITS["/private/x"] == 0
    assert failures["report.pdf"] == "not an HTML page (application/pdf)"
    assert failures["slow"].startswith("timed out after 0.5 s")
    assert failures["huge"] == "larger than 50,000 bytes"
    assert FLAKY["/flaky"] == 2  # a 503, then tried again
    corpus = read_corpus(cache)
    by_url = {a.url: a for a in corpus.articles}
    assert set(by_url) == {f"{server}/harbour-strike", f"{server}/moved", f"{server}/school-closures", f"{server}/flaky"}
    assert by_url[f"{server}/moved"].title.startswith("Neighbours Sign River Water Deal")  # the redirect followed
    assert by_url[f"{server}/harbour-strike"].outlet == "Harbour Gazette"
    assert (cache / "pages" / f"{url_key(server + '/harbour-strike')}.html").is_file()


def test_an_interrupted_fetch_resumes_without_losing_or_repeating_a_page(server, tmp_path):
    cache = tmp_path / "cache"
    urls = [f"{server}/{spec.source.rsplit('.', 1)[0]}" for spec in PAGES]
    before = HITS.copy()

    def stop_after_two(done, total, url, outcome):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch_urls(urls, cache, delay=0.0, progress=stop_after_two)
    assert len(read_corpus(cache).articles) == 2  # what was fetched is named in corpus.csv
    pages = {p.name: p.read_bytes() for p in (cache / "pages").iterdir()}
    report = fetch_urls(urls, cache, delay=0.0)
    assert (report.fetched, report.cached, report.failed) == (2, 2, 0)
    assert all(HITS[f"/{s.source.rsplit('.', 1)[0]}"] - before[f"/{s.source.rsplit('.', 1)[0]}"] == 1 for s in PAGES)
    assert all((cache / "pages" / name).read_bytes() == data for name, data in pages.items())
    log = (cache / ".fetch" / "log.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log) == 4
    again = fetch_urls(urls, cache, delay=0.0)  # everything cached: no request at all
    assert (again.fetched, again.cached) == (0, 4)
    assert len(read_corpus(cache).articles) == 4


def test_url_lists_from_media_cloud_and_gdelt_exports(tmp_path):
    mc = tmp_path / "mediacloud.csv"
    mc.write_text("stories_id,publish_date,title,url,media_name\n1,2026-01-05,Strike,https://a.example/1,A\n2,2026-01-05,Talks,https://b.example/2,B\n", encoding="utf-8")
    gkg = tmp_path / "gdelt.csv"
    gkg.write_text("GKGRECORDID\tDATE\tDocumentIdentifier\nx\t20260105\thttps://c.example/3\n", encoding="utf-8")
    text = tmp_path / "urls.txt"
    text.write_text("# my list\nhttps://a.example/1\n\nhttps://a.example/1\nftp://nope\n", encoding="utf-8")
    assert read_url_list(mc) == ["https://a.example/1", "https://b.example/2"]
    assert read_url_list(gkg) == ["https://c.example/3"]
    assert read_url_list(text) == ["https://a.example/1"]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,link\n1,https://a.example/1\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no URL column"):
        read_url_list(bad)


def test_the_fetch_command_then_analyze_offline(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(f"{server}/{s.source.rsplit('.', 1)[0]}" for s in PAGES) + f"\n{server}/missing\n", encoding="utf-8")
    cache = tmp_path / "cache"
    runner = CliRunner()
    result = runner.invoke(main, ["fetch", str(urls), "-o", str(cache), "--delay", "0", "--retries", "0"])
    assert result.exit_code == 0, result.output
    assert "4 fetched, 0 already in" in result.output and "1 failed" in result.output and "HTTP 404" in result.output
    analysed = runner.invoke(main, ["analyze", str(cache), "-o", str(tmp_path / "out"), "--bootstrap", "5", "--lexicons", "topics"])
    assert analysed.exit_code == 0, analysed.output
    assert "Warning" not in analysed.output
