"""The classroom lesson: a blinded handout whose questions can be answered from what it shows,
a separate key whose every answer cites a paragraph of the handout and quotes its words, and
a blinding that removes the outlets' names and nothing else."""

from __future__ import annotations

import html
import re
import unicodedata

import pytest
from click.testing import CliRunner

from framing.classroom import blind, lesson, redactor, render, write_classroom
from framing.errors import LexiconError
from framing.cli import main
from framing.lexicons import load_lexicons
from framing.measures.quotes import counts_as_speaker
from framing.pipeline import analyze
from framing.settings import Settings
from framing.text import read_corpus

from .conftest import GENEVA, LEXICONS, REPO, SEEDS

EN = load_lexicons().language

CORPORA = {"seeds": SEEDS, "geneva": GENEVA}
FILES = [".framing-output", "answer-key.html", "post-test.html", "pre-test.html", "teacher-guide.html", "worksheet.html"]


@pytest.fixture(scope="module")
def results():
    out = {}
    for name, path in CORPORA.items():
        corpus = read_corpus(path)
        out[name] = analyze(corpus, load_lexicons(list(corpus.lexicon_paths)), Settings(seed=3, n_boot=20))
    return out


@pytest.fixture(scope="module")
def lessons(tmp_path_factory):
    """(corpus, level) -> the folder `framing classroom` wrote."""
    root = tmp_path_factory.mktemp("class")
    out = {}
    for name, path in CORPORA.items():
        for level in ("short", "full"):
            folder = root / f"{name}-{level}"
            result = CliRunner().invoke(main, ["classroom", str(path), "-o", str(folder), "--seed", "3", "--level", level])
            assert result.exit_code == 0, result.output
            out[name, level] = folder
    return out


# ---- reading the files back -----------------------------------------------------------------

PARA = re.compile(r'<(?:p|h3) class="(?:para|headline)" id="[^"]*" data-ref="([^"]+)" data-para="(\d+)">(?:<span class="n">\d+</span>)?(.*?)</(?:p|h3)>', re.S)
ANSWER = re.compile(r'<div class="q answer" data-kind="([^"]+)" id="([^"]*)q(\d+)">(.*?)</ul></div>', re.S)
EVIDENCE = re.compile(r'<li class="ev" data-ref="([^"]+)" data-para="(\d+)"><strong>[^<]*</strong>: \u201c<span class="words">(.*?)</span>\u201d')


def paragraphs(handout: str) -> dict[tuple[str, int], str]:
    return {(ref, int(n)): html.unescape(text) for ref, n, text in PARA.findall(handout)}


def answers(key: str, prefix: str = "") -> list[tuple[str, list[tuple[str, int, str]]]]:
    """The key's answers for one handout: (kind, [(ref, paragraph, words)])."""
    return [(kind, [(ref, int(n), html.unescape(w)) for ref, n, w in EVIDENCE.findall(body)]) for kind, pre, _, body in ANSWER.findall(key) if pre == prefix]


def visible_text(page: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


# ---- files, levels, determinism -------------------------------------------------------------


def test_the_files_and_the_key_is_not_in_the_student_files(lessons, results):
    for (name, level), folder in lessons.items():
        assert sorted(p.name for p in folder.iterdir()) == FILES
        key = (folder / "answer-key.html").read_text(encoding="utf-8")
        for outlet in results[name].corpus.outlets:
            assert outlet in key
        for student in ("worksheet.html", "pre-test.html", "post-test.html"):
            text = (folder / student).read_text(encoding="utf-8")
            assert "Answer key" not in text and 'class="ev"' not in text and "Why:" not in text
            for kind, _ in answers(key):
                assert f'data-kind="{kind}"' not in text


def test_short_has_four_questions_and_full_has_them_all(lessons):
    for name in CORPORA:
        short = (lessons[name, "short"] / "worksheet.html").read_text(encoding="utf-8")
        full = (lessons[name, "full"] / "worksheet.html").read_text(encoding="utf-8")
        assert short.count('<div class="q">') == 4
        assert full.count('<div class="q">') > 4
        kinds = [k for k, _ in answers((lessons[name, "full"] / "answer-key.html").read_text(encoding="utf-8"))]
        assert {"microphone", "channel", "limits"} <= set(kinds)
        # Short trims the articles but keeps the full article's paragraph numbers.
        in_full: dict[tuple[str, int], set[str]] = {}
        for (ref, n), text in paragraphs(full).items():
            in_full.setdefault((ref[0], n), set()).add(text)
        assert len(paragraphs(short)) < len(paragraphs(full))
        for (ref, n), text in paragraphs(short).items():
            assert text in in_full[ref[0], n], (name, ref, n)


def test_output_is_deterministic(results, tmp_path):
    for level in ("short", "full"):
        assert render(results["seeds"], 3, level) == render(results["seeds"], 3, level)
    write_classroom(results["geneva"], tmp_path / "a", 3)
    write_classroom(results["geneva"], tmp_path / "b", 3)
    for name in FILES[1:]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# ---- every answer is in the handout ---------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPORA))
@pytest.mark.parametrize("level", ["short", "full"])
def test_every_evidence_quote_is_in_the_paragraph_it_cites(lessons, name, level):
    folder = lessons[name, level]
    key = (folder / "answer-key.html").read_text(encoding="utf-8")
    for handout, prefix in (("worksheet.html", ""), ("pre-test.html", "pre-test-"), ("post-test.html", "post-test-")):
        shown = paragraphs((folder / handout).read_text(encoding="utf-8"))
        assert shown, handout
        found = answers(key, prefix)
        assert found, f"no answers for {handout}"
        for kind, evidence in found:
            assert evidence, f"{handout}: question {kind} cites nothing"
            for ref, n, words in evidence:
                assert (ref, n) in shown, f"{handout} {kind}: cites {ref} paragraph {n}, which the handout does not show"
                assert words and words in shown[ref, n], f"{handout} {kind}: {words!r} is not in {ref} paragraph {n}: {shown[ref, n]!r}"


def test_the_key_cites_paragraph_numbers_and_quotes_words(lessons):
    key = (lessons["seeds", "short"] / "answer-key.html").read_text(encoding="utf-8")
    assert re.search(r"<strong>[A-E] \u00b6\d+</strong>: \u201c", key)


# ---- the key's answers are true of the handout -----------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPORA))
@pytest.mark.parametrize("level", ["short", "full"])
def test_the_key_is_right_about_the_handout(results, name, level):
    result = results[name]
    les = lesson(result, 3, level)
    by_kind = {q.kind: q for q in les.questions}
    text_of = {s.label: " ".join([s.headline, *(s.paragraphs[n] for n in s.shown)]) for s in les.view}
    letter = {s.label: s.label[0] for s in les.view}

    mic = by_kind["microphone"]
    for outlet, fact in mic.facts["per_outlet"].items():
        cited = [e for e in mic.evidence if letter[e.ref] == outlet[-1]]
        # The named speaker has exactly that many quotes in the outlet's handout articles ...
        assert len(cited) == fact["n"] == len({(e.ref, e.para, e.words) for e in cited}), (outlet, fact)
        assert fact["n"] <= fact["of"]
        assert any(re.search(rf"\b{re.escape(w)}\b", text_of[e.ref]) for e in cited for w in fact["speaker"].split()), (outlet, fact)
        # ... and no one has more: count every counted quote of the shown paragraphs.
        shown = [s for s in les.view if s.label[0] == outlet[-1]]
        quotes = [q for s in shown for q in s.analysis.quotes if counts_as_speaker(q) and s.para_of_sentence.get(q.sentence_index) in s.shown]
        assert len(quotes) == fact["of"]

    # Both corpora have a voice two outlets quote and another never does (seeds: Japan's
    # prime minister; geneva: an expert), at both levels.
    assert "missing" in by_kind, sorted(by_kind)
    miss = by_kind["missing"].facts
    assert not re.fullmatch(r"(?i)(analysts?|experts?|observers?)", miss["speaker"]), miss
    assert miss["speaker_type"] != "group" and len(miss["quoted_by"]) >= 2, miss
    absent = [s for s in les.view if s.label[0] == miss["outlet"][-1]]
    surname = miss["speaker"].split()[-1]
    named = re.compile(rf"(?i)\b{re.escape(surname)}\b")
    for s in absent:
        a = s.analysis
        for q in a.quotes:
            words = a.article.text[q.span.start : q.span.end]
            assert not named.search(words) and not named.search(q.speaker), (miss, words)
            if miss["speaker_type"] == "expert":
                assert q.speaker_type != "expert", (miss, q.speaker)
    for e in by_kind["missing"].evidence:
        assert named.search(text_of[e.ref]) and letter[e.ref] != miss["outlet"][-1]

    if "shared" in by_kind:
        assert len({letter[e.ref] for e in by_kind["shared"].evidence}) >= 2

    if "channel" in by_kind:
        for e in by_kind["channel"].evidence:
            assert "[outlet]" not in e.words


def test_a_missing_voice_is_never_a_group_the_outlet_quotes_otherwise(tmp_path):
    # Three outlets quote the professor; the fourth quotes another expert: no expert voice is missing there.
    folder = tmp_path / "c"
    folder.mkdir()
    texts = {
        "a": "Dam talks end\n\nThe minister said the talks went well.\n\n\"The deal is fair,\" said Lena Vik, a professor of law.\n",
        "b": "Dam talks end\n\nThe minister said the talks were hard.\n\n\"The deal is fragile,\" said Lena Vik, a professor of law.\n",
        "c": "Dam talks end\n\nThe minister said the talks were long.\n\n\"The deal will hold,\" said Lena Vik, a professor of law.\n",
        "d": "Dam talks end\n\nThe minister said the talks were over.\n\n\"The deal is a start,\" said Petra Voss, an economist at the university.\n",
    }
    manifest = []
    for k, text in texts.items():
        (folder / f"{k}.txt").write_text(text, encoding="utf-8")
        manifest.append(f'[[article]]\nfile = "{k}.txt"\noutlet = "Outlet {k.upper()}x"\n')
    (folder / "corpus.toml").write_text('lexicons = ["topics"]\n' + "\n".join(manifest), encoding="utf-8")
    corpus = read_corpus(folder)
    result = analyze(corpus, load_lexicons(list(corpus.lexicon_paths)), Settings(seed=0, n_boot=20))
    for q in lesson(result, 0, "full").questions:
        if q.kind == "missing":
            assert "Vik" not in q.facts["speaker"] or q.facts["speaker_type"] != "expert", q.answer


# ---- blinding -------------------------------------------------------------------------------


def _name_words(outlets) -> set[str]:
    return {w.casefold() for o in outlets for w in re.findall(r"[^\W\d_][\w'-]*", o)}


def _allowed(result) -> set[str]:
    """What blinding may remove: outlet names, words and runs of words of them, byline
    names, domains (all casefolded)."""
    from framing.classroom.blinding import _byline_names, _domains

    allowed = {o.casefold() for o in result.corpus.outlets}
    allowed |= {b.casefold() for a in result.analyses for b in _byline_names(a)}
    allowed |= {d for a in result.analyses for d in _domains(a.article.url)}
    return allowed


def _removed_ok(removed: str, allowed: set[str], words: set[str]) -> bool:
    r = unicodedata.normalize("NFC", removed).casefold().strip()
    if r in allowed:
        return True
    run = [w for w in re.split(r"\s+", r) if w]
    return bool(run) and all(w in words for w in run)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_blinding_removes_the_names_and_nothing_else(results, name):
    result = results[name]
    allowed, words = _allowed(result), _name_words(result.corpus.outlets)
    les = lesson(result, 3, "full")
    lower = {w.casefold() for a in result.analyses for w in re.findall(r"(?<![\w'\u2019-])[a-z][\w'-]*", a.article.text)}
    changed = 0
    for s in les.view:
        a = s.analysis
        originals = [unicodedata.normalize("NFC", a.article.text[p.span.start : p.span.end].strip()) for p in a.paragraphs if p.role == "body"]
        pairs = [(unicodedata.normalize("NFC", a.article.title or ""), s.headline)] if a.article.title else []
        pairs += list(zip(originals, (s.paragraphs[n] for n in sorted(s.paragraphs))))
        for original, shown in pairs:
            if shown == original.strip():
                continue
            pieces = shown.split("[outlet]")
            m = re.fullmatch("(.+?)".join(re.escape(p) for p in pieces), original.strip(), re.S)
            assert m, f"{s.label}: the redacted text is not the original with names replaced:\n{original!r}\n{shown!r}"
            for removed in m.groups():
                assert _removed_ok(removed, allowed, words), f"{s.label}: redacted {removed!r}, which is no outlet name, byline or domain"
                changed += 1
    if name == "seeds":
        assert changed >= 2  # "told NewsChina", "he added. REUTERS"
    # No name survives in the student's handout: the full names, the bylines, and every word
    # of a name that the story never uses as an ordinary (lower-case) word.
    for level in ("short", "full"):
        text = visible_text(render(result, 3, level)["worksheet.html"]).casefold()
        for name_ in allowed:
            assert not re.search(rf"(?<!\w){re.escape(name_)}(?!\w)", text), name_
        for w in words:
            if len(w) >= 4 and w not in lower:
                assert not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text), w


def test_blinding_is_deterministic_from_the_seed():
    outlets = ["Daily A", "Daily B", "Daily C", "Daily D"]
    assert blind(outlets, 1) == blind(list(reversed(outlets)), 1)
    assert sorted(blind(outlets, 1).values()) == ["Outlet A", "Outlet B", "Outlet C", "Outlet D"]
    assert any(blind(outlets, s) != blind(outlets, 1) for s in range(2, 6))


def test_redaction_catches_case_and_possessives():
    redact = redactor(["NewsChina"], ["Yu Xiaodong"], language=EN)
    assert redact("Li Min told NewsChina; NEWSCHINA's view. By Yu Xiaodong") == "Li Min told [outlet]; [outlet]'s view. By [outlet]"


def test_an_ordinary_word_of_a_name_goes_only_with_the_name_or_a_self_reference():
    redact = redactor(["Port Harbour Times"], [], ordinary={"port", "harbour"}, language=EN)
    text = "Ships left the Port of Halvik; the Harbour Dockers' Union struck."
    assert redact(text) == text
    assert redact("Port Harbour Times reported the strike.") == "[outlet] reported the strike."
    mail = redactor(["Daily Mail"], [], ordinary={"daily", "mail"}, language=EN)
    assert mail("Post comes daily; the mail is late.") == "Post comes daily; the mail is late."
    assert mail("He told the Daily Mail that the Mail reported it.") == "He told the [outlet] that the [outlet] reported it."


def test_the_blinding_words_are_language_lexicon_data(tmp_path):
    """The common name words and self-reference phrases come from the language lexicon's
    [classroom] table: another list redacts otherwise, none redacts only the names."""
    text = "He spoke to the Lakeside Courier at Lakeside. Courier staff said so."
    # "lakeside" is an ordinary word of this corpus; "Courier" is not, so it goes everywhere.
    assert redactor(["Lakeside Courier"], [], ordinary={"lakeside"}, language=EN)(text) == "He spoke to the [outlet] at Lakeside. [outlet] staff said so."
    source = (LEXICONS / "language" / "en.toml").read_text(encoding="utf-8")
    changed = tmp_path / "en.toml"
    changed.write_text(source.replace('"spoke to",', '"spoke to", "interviewed by",').replace('"local",', '"local", "courier",'), encoding="utf-8")
    other = load_lexicons([changed]).language
    assert "interviewed by" in other.self_reference_before and "courier" in other.outlet_name_words
    # Now "courier" is a common name word: it goes only after a self-reference phrase.
    lexicon = redactor(["Lakeside Courier"], [], ordinary={"lakeside"}, language=other)
    assert lexicon(text) == "He spoke to the [outlet] at Lakeside. Courier staff said so."
    assert lexicon("He was interviewed by Courier staff.") == "He was interviewed by [outlet] staff."
    assert redactor(["Lakeside Courier"], [], ordinary={"lakeside", "courier"}, language=EN)("He was interviewed by Courier staff.") == "He was interviewed by Courier staff."
    # Without a language lexicon: the names go, no self-reference phrase is known.
    text = "The Times reported it; Port Times said so."
    assert redactor(["Port Times"], [], ordinary={"port", "times"})(text) == "The Times reported it; [outlet] said so."
    assert redactor(["Port Times"], [], ordinary={"port", "times"}, language=EN)(text) == "The [outlet] reported it; [outlet] said so."
    changed.write_text(source.replace('"analyst", "analysts",', '"analyst", "analysts.",'), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"classroom\.expert_group_words: 'analysts\.' is not one word"):
        load_lexicons([changed])


def test_self_references_bylines_and_domains_are_redacted():
    redact = redactor(["Reuters wire copy"], ["Jane Roe"], domains=["reuters.com", "reuters"], language=EN)
    assert redact("PHOTO: REUTERS") == "PHOTO: [outlet]"
    assert redact("Reuters reported that Jane Roe saw it at https://www.reuters.com/world/x.") == "[outlet] reported that [outlet] saw it at [outlet]."
    assert redact("a copy of the wire") == "a copy of the wire"


def test_seeds_handout_hides_the_byline_and_told_newschina(lessons):
    text = visible_text((lessons["seeds", "full"] / "worksheet.html").read_text(encoding="utf-8"))
    assert "Yu Xiaodong" not in text and "NewsChina" not in text and "REUTERS" not in text
    assert "told [outlet]" in text


def test_every_text_is_html_escaped(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text('Talks <b>end</b>\n\n"We <script>agree</script> & sign," said Anna Berg, the minister.\n', encoding="utf-8")
    (folder / "b.txt").write_text('Talks end\n\n"We will see," said Anna Berg, the minister.\n', encoding="utf-8")
    (folder / "corpus.toml").write_text('[[article]]\nfile = "a.txt"\noutlet = "Ax <Post>"\n[[article]]\nfile = "b.txt"\noutlet = "Bx Post"\n', encoding="utf-8")
    out = tmp_path / "lesson"
    assert CliRunner().invoke(main, ["classroom", str(folder), "-o", str(out)]).exit_code == 0
    for name in ("worksheet.html", "answer-key.html", "teacher-guide.html"):
        text = (out / name).read_text(encoding="utf-8")
        # The worksheet's one script is its print fit (pages.FIT_JS), written by framing.
        assert text.count("<script>") == (name == "worksheet.html") and "<script>agree" not in text
        assert "<b>end" not in text and "<Post>" not in text


def test_a_single_outlet_is_refused(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Head\nThe minister said it went well.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["classroom", str(tmp_path / "c"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "at least two outlets" in result.output and not (tmp_path / "out").exists()


def test_a_bad_level_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["classroom", str(SEEDS), "-o", str(tmp_path / "out"), "--level", "medium"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


# ---- teacher guide, pre/post ------------------------------------------------------------------


def test_the_teacher_guide_has_a_plan_for_both_levels_and_the_reasoning(lessons):
    guide = visible_text((lessons["seeds", "short"] / "teacher-guide.html").read_text(encoding="utf-8"))
    assert "minute by minute (short level)" in guide and "Plan for the full level" in guide
    assert "42-45 min" in guide and "80-90 min" in guide
    assert guide.count("Why:") == 4


def test_pre_and_post_tests_come_from_the_invented_pairs(lessons):
    folder = lessons["geneva", "short"]
    key = (folder / "answer-key.html").read_text(encoding="utf-8")
    for stage, must in (("pre", "Mill Street"), ("post", "Osterlund")):
        page = (folder / f"{stage}-test.html").read_text(encoding="utf-8")
        assert must in page and "invented" in page
        assert [k for k, _ in answers(key, f"{stage}-test-")] == ["microphone", "missing"]
        for outlet in read_corpus(REPO / "framing" / "data" / "classroom" / stage).outlets:
            assert outlet not in visible_text(page)
    readme = (REPO / "framing" / "data" / "classroom" / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme.lower()


def test_the_readme_shows_a_rendered_page():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### `framing classroom CORPUS -o DIR`", 1)[1].split("\n### ", 1)[0]
    m = re.search(r"!\[[^\]]*\]\((docs/[^)]+\.png)\)", section)
    assert m, "the classroom subsection shows no page"
    assert (REPO / m.group(1)).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
