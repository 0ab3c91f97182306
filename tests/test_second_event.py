"""A second, unrelated real event: nothing in framing is specific to the demo corpus.

The shipped seeds are about a 2026 summit in Beijing. These articles are US political news
from PolNeAR (../shared/benchmarks/attribution, the test split): the coverage of FBI
Director James Comey's letter of 28 October 2016 about new emails in the Clinton email
investigation, from five outlets. The only thing added for the event is its actors
lexicon, lexicons/events/clinton_email_probe_2016/actors.toml; the corpus is analysed with
the ordinary command line (`python -m framing analyze` and `python -m framing quotes`).
"""

from __future__ import annotations

import ast
import csv
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks" / "attribution"
LEXICON = REPO / "lexicons" / "events" / "clinton_email_probe_2016"
TOPICS = REPO / "lexicons" / "topics"

#: The PolNeAR test-split articles on this story (28 October - 3 November 2016). Left out:
#: the other Clinton-email pieces of the split that are about something else (the Pence
#: article is about Clinton Foundation meetings, the WikiLeaks pieces about Podesta's mail).
ARTICLES = (
    "breitbart_2016-10-28_us-stocks-sink-as-fbi-reopens-cl",  # AFP: markets fall on the news
    "huff-post_2016-11-03_donald-trump-invokes-pervert-ant",  # Trump ad on the new review
    "nyt_2016-10-30_for-democrats-anthony-weiner-mak",  # Democrats on Weiner's laptop
    "nyt_2016-11-01_f-b-i-s-email-disclosure-broke-a",  # Comey's letter broke a pattern
    "politico_2016-10-31_justice-department-pledges-quick",  # DOJ answers Democrats' letters
    "politico_2016-11-02_mccaul-if-elected-hillary-clinto",  # McCaul: impeachment
    "politico_2016-11-03_state-dept-drops-more-clinton-em",  # State releases, Clinton on Comey
    "usa-today_2016-10-31_feds-in-talks-to-get-emails-from",  # the Abedin laptop warrant
)
OUTLETS = {"breitbart", "huff-post", "nyt", "politico", "usa-today"}
TABLES = (
    "articles.csv", "sentences.csv", "quotes.csv", "mentions.csv", "tones.csv", "article_tone.csv",
    "actor_tone.csv", "topics.csv", "topic_hits.csv", "features.csv", "similarity.csv", "clusters.json",
    "projection.csv", "distinctive_terms.csv", "shared_quotes.csv", "analysis.json", "codebook.json",
)  # fmt: skip

from .conftest import need_shared


def _framing(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert done.returncode == 0, f"framing {' '.join(args)} exited with {done.returncode}:\n{done.stderr[-4000:]}"
    return done


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A corpus folder: the eight texts and a corpus.csv manifest from metadata.csv."""
    need_shared(BENCH / "metadata.csv")
    folder = tmp_path_factory.mktemp("clinton_email_probe") / "corpus"
    folder.mkdir()
    meta = {row["id"]: row for row in _rows(BENCH / "metadata.csv")}
    with (folder / "corpus.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "outlet", "title", "date"])
        for article_id in ARTICLES:
            shutil.copyfile(BENCH / "articles" / f"{article_id}.txt", folder / f"{article_id}.txt")
            row = meta[article_id]
            writer.writerow([f"{article_id}.txt", row["outlet"], row["title"], row["date"]])
    return folder


@pytest.fixture(scope="module")
def texts(corpus) -> dict[str, str]:
    # Exactly as framing reads them (bytes decoded, no newline translation): offsets index these.
    return {a: (corpus / f"{a}.txt").read_bytes().decode("utf-8-sig") for a in ARTICLES}


@pytest.fixture(scope="module")
def report(corpus) -> Path:
    out = corpus.parent / "report"
    _framing("analyze", str(corpus), "--lexicons", str(LEXICON), "--lexicons", str(TOPICS), "-o", str(out), "--seed", "0", "--bootstrap", "20", cwd=corpus.parent)
    return out


@pytest.fixture(scope="module")
def quotes(report) -> list[dict[str, str]]:
    return _rows(report / "data" / "quotes.csv")


@pytest.fixture(scope="module")
def mentions(report) -> list[dict[str, str]]:
    return _rows(report / "data" / "mentions.csv")


# ---- the input ---------------------------------------------------------------------------------


def test_the_articles_cover_this_story(texts):
    for article_id, text in texts.items():
        assert "Comey" in text, f"{article_id} does not name Comey"
        assert re.search(r"\bemails?\b", text), f"{article_id} is not about the emails"


def test_the_lexicon_is_valid_and_names_the_story_s_people():
    done = _framing("lexicon", "check", str(LEXICON), cwd=REPO)
    assert "clinton_email_probe_2016" in done.stdout
    data = tomllib.loads((LEXICON / "actors.toml").read_text(encoding="utf-8"))
    ids = {actor["id"] for actor in data["actor"]}
    assert {"james_comey", "hillary_clinton", "donald_trump", "huma_abedin", "anthony_weiner", "loretta_lynch", "fbi", "justice_department"} <= ids


# ---- the run -----------------------------------------------------------------------------------


def test_report_and_tables_are_written(report):
    assert (report / "report.html").stat().st_size > 10_000
    for name in TABLES:
        assert (report / "data" / name).is_file(), f"no {name}"
    articles = _rows(report / "data" / "articles.csv")
    assert {row["outlet"] for row in articles} == OUTLETS
    assert len(articles) == len(ARTICLES)
    by_id = {row["id"] if "id" in row else row["article"]: row for row in articles}
    assert by_id["usa-today_2016-10-31_feds-in-talks-to-get-emails-from"]["title"] == "Feds in talks to get emails from laptop used by Huma Abedin"
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "James Comey" in html and "Hillary Clinton" in html


def test_the_run_records_the_lexicon_and_compares_articles(report):
    analysis = json.loads((report / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["articles"] == len(ARTICLES)
    assert analysis["comparison"]["unit"] == "article"
    assert analysis["comparison"]["n_boot"] == 20
    lexicons = {(lex["kind"], lex["id"]) for lex in analysis["lexicons"]}
    assert ("actors", "clinton_email_probe_2016") in lexicons
    assert ("actors", "korea_china_summit_2026") not in lexicons  # the demo event is not built in
    similarity = _rows(report / "data" / "similarity.csv")
    assert similarity, "no outlet distances"
    assert set().union(*({v for k, v in row.items() if k.startswith("outlet")} for row in similarity)) >= OUTLETS


def test_comey_and_clinton_are_resolved_in_several_outlets(mentions):
    for actor_id in ("james_comey", "hillary_clinton", "fbi"):
        outlets = {m["outlet"] for m in mentions if m["actor_id"] == actor_id}
        assert len(outlets) >= 4, f"{actor_id} mentioned only in {sorted(outlets)}"
    comey = [m for m in mentions if m["actor_id"] == "james_comey"]
    vias = {m["via"] for m in comey}
    assert {"surname", "title+surname", "descriptor"} <= vias and vias & {"name", "alias"}, vias
    assert any(m["text"] == "Mr. Comey" for m in comey)
    assert any(m["text"].lower() == "the f.b.i. director" for m in comey)
    for actor_id in ("huma_abedin", "anthony_weiner", "loretta_lynch", "justice_department"):
        assert len({m["outlet"] for m in mentions if m["actor_id"] == actor_id}) >= 2, actor_id


def test_mention_offsets_index_the_texts(mentions, texts):
    assert mentions
    for m in mentions:
        assert texts[m["article"]][int(m["start"]) : int(m["end"])] == m["text"], m


def test_the_lexicon_s_judgement_calls_hold(mentions):
    def who(text: str) -> set[str]:
        return {m["actor_id"] for m in mentions if m["text"] == text}

    assert who("Mr. Clinton") == {"bill_clinton"}  # Bill, not Hillary
    assert who("Mrs. Clinton") == {"hillary_clinton"}
    assert who("Clinton Foundation") == {"clinton_foundation"}
    assert not any("Clinton Cash" in m["text"] for m in mentions)  # a book, a not_alias
    assert not any("Victor" in m["text"] for m in mentions if m["actor_id"] == "sarah_kovner")
    assert {m["actor_id"] for m in mentions if m["text"] in ("F.B.I.", "FBI")} == {"fbi"}


#: (article, words of the quote, expected speaker id, kind): read off the texts.
KNOWN_QUOTES = [
    ("politico_2016-10-31_justice-department-pledges-quick", "We assure you that the Department will continue", "peter_kadzik", "direct"),
    ("politico_2016-10-31_justice-department-pledges-quick", "That's sort of form letter five", "patrick_leahy", "direct"),
    ("politico_2016-10-31_justice-department-pledges-quick", "he felt obliged to disclose the development to Congress", "james_comey", "reported"),
    ("usa-today_2016-10-31_feds-in-talks-to-get-emails-from", "the bureau had uncovered emails", "james_comey", "reported"),
    ("usa-today_2016-10-31_feds-in-talks-to-get-emails-from", "not to announce the new review", "loretta_lynch", "reported"),
    ("nyt_2016-11-01_f-b-i-s-email-disclosure-broke-a", "Those arguing that the director should have remained silent", "daniel_richman", "direct"),
    ("nyt_2016-11-01_f-b-i-s-email-disclosure-broke-a", "There is nothing of my business activities to investigate", "paul_manafort", "direct"),
    ("politico_2016-11-03_state-dept-drops-more-clinton-em", "deeply troubling", "hillary_clinton", "partial"),
    ("politico_2016-11-02_mccaul-if-elected-hillary-clinto", "This investigation will continue whether she wins or not", "mike_mccaul", "direct"),
    ("breitbart_2016-10-28_us-stocks-sink-as-fbi-reopens-cl", "This is really spectacular", "chris_low", "direct"),
    ("nyt_2016-10-30_for-democrats-anthony-weiner-mak", "He is like a recurring nightmare", "al_sharpton", "direct"),
    # "He added, ..." after "Vice President Joseph R. Biden Jr. ... at the mention of Mr. Weiner's name":
    # the pronoun goes to the sentence's subject, not to the last man named.
    ("nyt_2016-10-30_for-democrats-anthony-weiner-mak", "I'm not a big fan.", "joe_biden", "direct"),
]  # fmt: skip


@pytest.mark.parametrize("article, words, speaker_id, kind", KNOWN_QUOTES, ids=[q[2] + ":" + q[1][:24] for q in KNOWN_QUOTES])
def test_known_quotes_are_attributed(quotes, article, words, speaker_id, kind):
    found = [q for q in quotes if q["article"] == article and words in q["text"]]
    assert found, f"no quote with {words!r} in {article}"
    assert {(q["speaker_id"], q["kind"]) for q in found} == {(speaker_id, kind)}


def test_speaker_types_and_channels_come_from_the_lexicons(quotes):
    by_speaker = {q["speaker_id"]: q for q in quotes}
    assert by_speaker["daniel_richman"]["speaker_type"] == "expert"
    assert by_speaker["james_comey"]["speaker_type"] == "government"
    assert by_speaker["chris_low"]["speaker_type"] == "business"
    mccaul = [q for q in quotes if q["speaker_id"] == "mike_mccaul" and q["text"].startswith("This investigation will continue")]
    assert [(q["channel"], q["channel_type"]) for q in mccaul] == [("Fox News", "other_outlet")]


def test_quotes_command_offsets_round_trip(corpus, texts, quotes):
    done = _framing("quotes", str(corpus), "--lexicons", str(LEXICON), "--format", "jsonl", cwd=corpus.parent)
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(records) >= 50
    assert {r["outlet"] for r in records} == OUTLETS
    for r in records:
        text = texts[r["article"]]
        assert text[r["start"] : r["end"]] == r["text"], r
        if r["speaker_start"] is not None:
            assert r["speaker_end"] > r["speaker_start"]
            if "speaker_text" in r:
                assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker_text"], r
    # `framing quotes` and `framing analyze` are the same pipeline: the same quotes, speakers.
    assert {(r["article"], r["start"], r["end"], r["speaker_id"] or "") for r in records} == {
        (q["article"], int(q["start"]), int(q["end"]), q["speaker_id"]) for q in quotes
    }


def test_no_code_names_this_event():
    """framing's code holds no name of this event: everything above came from its lexicon.

    Names may appear in comments and docstrings (as examples of English news prose), never
    in a string the code uses or an identifier."""
    data = tomllib.loads((LEXICON / "actors.toml").read_text(encoding="utf-8"))
    words = {data["id"]}
    for actor in data["actor"]:
        words.add(actor["name"])
        if len(actor.get("surname", "")) >= 4:
            words.add(actor["surname"])
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")
    hits = []
    for path in sorted((REPO / "framing").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }  # fmt: skip
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value
            elif isinstance(node, ast.Name):
                text = node.id
            else:
                continue
            if pattern.search(text):
                hits.append(f"{path.relative_to(REPO)}:{node.lineno}: {text[:60]!r}")
    assert not hits, "event-specific names in framing's code:\n" + "\n".join(hits)
