"""Researcher workflows: `framing init`, `framing lexicon new`, `lexicon import-dic`,
`lexicon export`, and the codebook of every table."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import FramingError, LexiconError
from framing.lexicons.schema import ID_PATTERN

from ..conftest import LEXICONS


ARTICLE = """\
Leaders agree to reopen the border crossing

Anna Berg and Tomas Lind met in Geneva on Monday to discuss the border crossing.
"We have agreed to reopen the crossing next month," Berg told reporters after the talks.
Lind said the deal was a good first step, but warned that trade disputes remained.
Critics called the agreement vague and said it ignored the families separated for years.
Officials from both sides will meet again in March to review progress.
"""


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(old)


def assert_user_error(result, *fragments: str) -> str:
    """Exit 1, one line 'Error: ...' naming every fragment, no traceback."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def parse_lexicon_file(path: Path):
    """Validate a written lexicon file: through framing.lexicons.read_lexicon_file when every
    kind's parser exists, and always through the kind's own parser."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("kind", "id", "label", "version"):
        assert isinstance(data.get(key), str) and data[key].strip() or key == "version", (path, key)
    assert ID_PATTERN.match(data["id"])
    if data["kind"] == "topic":
        from framing.topics import parse_topic_lexicon

        value = parse_topic_lexicon(data, str(path))
    else:
        from framing.actors import parse_actors_lexicon

        value = parse_actors_lexicon(data, str(path))
    from framing.lexicons import read_lexicon_file

    info, value = read_lexicon_file(path)
    assert info.kind == data["kind"]
    return value


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --------------------------------------------------------------------------------------------
# framing init
# --------------------------------------------------------------------------------------------


def test_init_writes_a_valid_corpus_folder(tmp_path):
    target = tmp_path / "geneva talks"
    result = run("init", str(target), "--event", "Border talks in Geneva, March 2027")
    assert result.exit_code == 0, result.output
    assert files_under(target) == ["README.md", "corpus.toml", "lexicons", "lexicons/actors.toml"]
    manifest = tomllib.loads((target / "corpus.toml").read_text(encoding="utf-8"))
    assert manifest == {"name": "geneva talks", "event": "Border talks in Geneva, March 2027", "lexicons": ["lexicons"]}
    text = (target / "corpus.toml").read_text(encoding="utf-8")
    for key in ("name", "event", "lexicons", "file", "id", "outlet", "title", "date", "url", "note"):
        assert re.search(rf"^#\s+{key}\s", text, re.MULTILINE), f"corpus.toml does not explain {key!r}"
    actors = parse_lexicon_file(target / "lexicons" / "actors.toml")
    assert actors.id == "geneva_talks"
    assert [a.id for a in actors.actors] == ["placeholder_geneva_talks"]
    assert "PLACEHOLDER" in actors.actors[0].name
    # Beside no files other than the scaffold's, no temporary folder is left.
    assert [p.name for p in tmp_path.iterdir()] == ["geneva talks"]
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "framing analyze" in readme and "placeholder" in readme


def test_init_folder_reads_as_a_corpus_once_an_article_is_in(tmp_path):
    from framing.text import read_corpus

    target = tmp_path / "c"
    assert run("init", str(target), "--event", "Talks").exit_code == 0
    (target / "001_a.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = read_corpus(target)
    # The README.md is not read as an article.
    assert [a.id for a in corpus.articles] == ["001_a"]
    assert corpus.event == "Talks" and corpus.name == "c"
    assert [p.resolve() for p in corpus.lexicon_paths] == [(target / "lexicons").resolve()]


def test_placeholder_actor_matches_nothing(tmp_path):
    from framing.actors import MentionFinder

    assert run("init", str(tmp_path / "c")).exit_code == 0
    actors = parse_lexicon_file(tmp_path / "c" / "lexicons" / "actors.toml")
    text = ARTICLE + " A placeholder, PLACEHOLDER c, replace or delete this actor. Placeholder said so."
    assert MentionFinder(actors.actors).find(text, "a") == []


def test_init_with_actors_has_no_placeholder(tmp_path):
    result = run("init", str(tmp_path / "c"), "--actor", "Anna Berg", "--actor", "Tomas Lind")
    assert result.exit_code == 0, result.output
    actors = parse_lexicon_file(tmp_path / "c" / "lexicons" / "actors.toml")
    assert [(a.id, a.name) for a in actors.actors] == [("anna_berg", "Anna Berg"), ("tomas_lind", "Tomas Lind")]
    assert "placeholder" not in (tmp_path / "c" / "README.md").read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "existing"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    line = assert_user_error(run("init", str(target)))
    assert line == f"Error: {target} already exists; choose a new folder"
    assert files_under(target) == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_init_refuses_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert_user_error(run("init", str(target)), "already exists; choose a new folder")
    assert target.read_text(encoding="utf-8") == "x"


def test_init_accepts_an_empty_folder(tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    assert run("init", str(target)).exit_code == 0
    assert (target / "corpus.toml").is_file()


def test_init_error_leaves_nothing(tmp_path):
    # Two names that give one actor id: refused before anything is written.
    result = run("init", str(tmp_path / "c"), "--actor", "Anna Berg", "--actor", "anna  berg")
    assert_user_error(result, "'anna_berg'")
    assert list(tmp_path.iterdir()) == []


def test_init_then_check_then_analyze_end_to_end(tmp_path):
    target = tmp_path / "talks"
    assert run("init", str(target), "--event", "Border talks").exit_code == 0
    check = run("lexicon", "check", str(target / "lexicons"))
    assert check.exit_code == 0, check.output
    assert "actors" in check.output and "talks" in check.output
    (target / "001_a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report"
    result = run("analyze", str(target), "-o", str(out), "--bootstrap", "20")
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file()
    articles = (out / "data" / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 2 and articles[1].startswith("001_a,")
    assert "placeholder" not in (out / "data" / "mentions.csv").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# framing lexicon new
# --------------------------------------------------------------------------------------------


def test_new_topic_default_folder_and_starting_term(tmp_path):
    result = run("lexicon", "new", "topic", "climate_policy", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "lexicons" / "topics" / "climate_policy.toml"
    topic = parse_lexicon_file(path)
    assert (topic.id, topic.label, topic.version) == ("climate_policy", "Climate policy", "1.0")
    assert [t.text for t in topic.terms] == ["climate policy"]


def test_new_topic_with_terms_and_label(tmp_path):
    result = run("lexicon", "new", "topic", "trade", "-o", str(tmp_path), "--label", "Trade", "--term", "tariff*", "--term", "export controls", "--version", "0.1")
    assert result.exit_code == 0, result.output
    topic = parse_lexicon_file(tmp_path / "trade.toml")
    assert [(t.text, t.prefix) for t in topic.terms] == [("tariff*", True), ("export controls", False)]
    assert (topic.label, topic.version) == ("Trade", "0.1")


@pytest.mark.parametrize("bad", ["Climate-Policy", "climate policy", "1st_topic", "Trade", "_x"])
def test_new_topic_refuses_an_id_that_is_not_snake_case(tmp_path, bad):
    assert_user_error(run("lexicon", "new", "topic", bad, "-o", str(tmp_path)), repr(bad), "snake_case")
    assert list(tmp_path.iterdir()) == []


def test_new_topic_does_not_overwrite(tmp_path):
    path = tmp_path / "trade.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert_user_error(run("lexicon", "new", "topic", "trade", "-o", str(tmp_path)), "trade.toml already exists")
    assert path.read_text(encoding="utf-8") == "# mine\n"


def test_new_topic_refuses_an_id_another_topic_file_uses(tmp_path):
    sub = tmp_path / "asia"
    sub.mkdir()
    (sub / "jp.toml").write_text('kind = "topic"\nid = "japan"\nlabel = "Japan"\nversion = "1"\nterms = ["Japan"]\n', encoding="utf-8")
    line = assert_user_error(run("lexicon", "new", "topic", "japan", "-o", str(tmp_path)))
    assert "id 'japan' is already used by" in line and "jp.toml" in line
    assert not (tmp_path / "japan.toml").exists()


def test_new_topic_in_the_shipped_folder_refuses_a_shipped_id(tmp_path):
    assert_user_error(run("lexicon", "new", "topic", "japan", "-o", str(LEXICONS / "topics")), "japan.toml already exists")


def test_new_topic_id_clash_is_per_kind(tmp_path):
    (tmp_path / "japan_actors.toml").write_text(
        'kind = "actors"\nid = "japan"\nlabel = "J"\nversion = "1"\n[[actor]]\nid = "a"\nname = "A B"\n', encoding="utf-8"
    )
    assert run("lexicon", "new", "topic", "japan", "-o", str(tmp_path)).exit_code == 0


def test_new_topic_bad_term_writes_nothing(tmp_path):
    assert_user_error(run("lexicon", "new", "topic", "trade", "-o", str(tmp_path), "--term", "ta*"), "at least 3 characters")
    assert list(tmp_path.iterdir()) == []


def test_new_actors_default_folder(tmp_path):
    result = run("lexicon", "new", "actors", "geneva_2027", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    lexicon = parse_lexicon_file(tmp_path / "lexicons" / "events" / "geneva_2027" / "actors.toml")
    assert lexicon.id == "geneva_2027"
    assert [a.id for a in lexicon.actors] == ["placeholder_geneva_2027"]


def test_new_actors_with_names(tmp_path):
    result = run("lexicon", "new", "actors", "geneva_2027", "-o", str(tmp_path), "--actor", "Anna Berg", "--actor", "Ökonom Ås", "--label", "Geneva talks")
    assert result.exit_code == 0, result.output
    lexicon = parse_lexicon_file(tmp_path / "geneva_2027" / "actors.toml")
    assert lexicon.label == "Geneva talks"
    assert [(a.id, a.name, a.type, a.gender) for a in lexicon.actors] == [
        ("anna_berg", "Anna Berg", "other", "unknown"),
        ("okonom_as", "Ökonom Ås", "other", "unknown"),
    ]


def test_new_actors_refusals(tmp_path):
    assert run("lexicon", "new", "actors", "geneva_2027", "-o", str(tmp_path)).exit_code == 0
    path = tmp_path / "geneva_2027" / "actors.toml"
    before = path.read_bytes()
    assert_user_error(run("lexicon", "new", "actors", "geneva_2027", "-o", str(tmp_path)), "actors.toml already exists")
    assert path.read_bytes() == before
    # Another folder's actors lexicon already has the id.
    other = tmp_path / "other" / "actors.toml"
    other.parent.mkdir()
    other.write_text(path.read_text(encoding="utf-8").replace('id = "geneva_2027"', 'id = "oslo_2028"'), encoding="utf-8")
    line = assert_user_error(run("lexicon", "new", "actors", "oslo_2028", "-o", str(tmp_path)))
    assert "actors lexicon id 'oslo_2028' is already used by" in line and "other/actors.toml" in line
    assert not (tmp_path / "oslo_2028").exists()
    assert_user_error(run("lexicon", "new", "actors", "Oslo-2028", "-o", str(tmp_path)), "not snake_case")


def test_new_lexicons_can_be_loaded_with_the_shipped_ones(tmp_path):
    """A new actors lexicon (placeholder included) does not clash with the shipped event."""
    from framing.lexicons.load import _check_actor_clashes
    from framing.actors import parse_actors_lexicon

    assert run("lexicon", "new", "actors", "geneva_2027", "-o", str(tmp_path)).exit_code == 0
    assert run("lexicon", "new", "actors", "oslo_2028", "-o", str(tmp_path)).exit_code == 0
    lexicons = [parse_lexicon_file(p) for p in sorted(tmp_path.rglob("actors.toml"))]
    shipped = LEXICONS / "events" / "korea_china_summit_2026" / "actors.toml"
    lexicons.append(parse_actors_lexicon(tomllib.loads(shipped.read_text(encoding="utf-8")), str(shipped)))
    _check_actor_clashes(lexicons, {})


# --------------------------------------------------------------------------------------------
# framing lexicon import-dic / export
# --------------------------------------------------------------------------------------------

DIC = """\
%
1\tposemo
2\tnegemo
3\tWork Life
4\tparent
%
happy\t1
hate*\t2
job*\t3
work ethic\t1 3
good 1
bad  2
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_topics(folder: Path) -> dict[str, tuple[str, str, tuple[tuple[str, bool, bool], ...]]]:
    out = {}
    for p in sorted(folder.glob("*.toml")):
        lex = parse_lexicon_file(p)
        out[lex.id] = (lex.label, lex.version, tuple((t.text, t.prefix, t.case_sensitive) for t in lex.terms))
    return out


def test_import_dic_writes_one_topic_per_category(tmp_path):
    dic = write(tmp_path / "mini.dic", DIC)
    out = tmp_path / "topics"
    result = run("lexicon", "import-dic", str(dic), "-o", str(out), "--version", "2015")
    assert result.exit_code == 0, result.output
    assert "Warning: " in result.output and "category 4 (parent) has no entries" in result.output
    assert read_topics(out) == {
        "posemo": ("posemo", "2015", (("good", False, False), ("happy", False, False), ("work ethic", False, False))),
        "negemo": ("negemo", "2015", (("bad", False, False), ("hate*", True, False))),
        "work_life": ("Work Life", "2015", (("job*", True, False), ("work ethic", False, False))),
    }
    assert sorted(p.name for p in out.iterdir()) == ["negemo.toml", "posemo.toml", "work_life.toml"]
    assert "mini.dic" in (out / "posemo.toml").read_text(encoding="utf-8")


def test_imported_lexicons_match_text(tmp_path):
    from framing.topics import TopicMatcher

    dic = write(tmp_path / "mini.dic", DIC)
    assert run("lexicon", "import-dic", str(dic), "-o", str(tmp_path / "t")).exit_code == 0
    topics = [parse_lexicon_file(p) for p in sorted((tmp_path / "t").glob("*.toml"))]
    text = "A good job with a strong work ethic; they hated it."
    hits = [(h.topic_id, text[h.span.start : h.span.end]) for h in TopicMatcher(topics).find(text, "a")]
    assert sorted(hits) == sorted(
        [("posemo", "good"), ("work_life", "job"), ("posemo", "work ethic"), ("work_life", "work ethic"), ("negemo", "hated")]
    )


MALFORMED = [
    ("", ": no header: the file is empty"),
    ("happy\t1\n", ":1: no header"),
    ("\n\n%\n1\tposemo\n", ":3: unterminated header"),
    ("%\n1\n%\nhappy\t1\n", ":2: header line '1' needs a category id and a name"),
    ("%\nposemo\n%\nhappy\t1\n", ":2: header line 'posemo' needs a category id and a name"),
    ("%\none posemo\n%\nhappy\t1\n", ":2: category id 'one' is not a whole number"),
    ("%\n1\tposemo\n1\tnegemo\n%\n", ":3: duplicate category id 1 (also on line 2)"),
    ("%\n1\tposemo\n2\tPosEmo\n%\n", ":3: duplicate category name 'PosEmo' (also on line 2)"),
    ("%\n1\tPositive Emotion\n2\tpositive-emotion\n%\n", ":3: category 'positive-emotion' would get the lexicon id 'positive_emotion'"),
    ("%\n%\n", ":2: the header defines no categories"),
    ("%\n1\tposemo\n%\nhappy\n", ":4: entry 'happy' has no category id"),
    ("%\n1\tposemo\n%\nhappy\t\n", ":4: entry 'happy' has no category id"),
    ("%\n1\tposemo\n%\nhappy\t7\n", ":4: entry 'happy': unknown category id 7 (the header defines 1)"),
    ("%\n1\tposemo\n%\nhappy\t1 x\n", ":4: entry 'happy': category id 'x' is not a whole number"),
    ("%\n1\tposemo\n%\nhappy 1 x\n", ":4: entry 'happy': category id 'x' is not a whole number"),
    ("%\n1\tposemo\n%\nhappy\t1 1\n", ":4: entry 'happy': category id 1 is listed twice"),
    ("%\n1\tposemo\n%\n\t1\n", ":4: empty word"),
    ("%\n1\tposemo\n%\nha*ppy\t1\n", ":4: entry 'ha*ppy': '*' is allowed only at the end"),
    ("%\n1\tposemo\n%\nha*\t1\n", ":4: entry 'ha*': framing needs at least 3 characters before '*'"),
    ("%\n1\tposemo\n%\n!!\t1\n", ":4: entry '!!' has no letter or digit"),
    ("%\n1\tposemo\n%\nlike*(discrepancy)\t1\n", ":4: 'like*(discrepancy)\\t1': LIWC special syntax"),
    ("%\n1\tposemo\n2\tnegemo\n%\nkind\t(02 134)1/2\n", ":5: 'kind\\t(02 134)1/2': LIWC special syntax"),
    ("%\n1\tposemo\n%\nhappy\t1\nHappy\t1\n", ":5: entry 'Happy' is listed twice (also on line 4)"),
    ("%\n1\tposemo\n%\nhappy\t1\n%\n", ":5: unexpected '%' line: the header was closed on line 3"),
]


@pytest.mark.parametrize("text,message", MALFORMED, ids=[m[1].split(": ", 1)[-1][:40] for m in MALFORMED])
def test_import_dic_malformed_lines(tmp_path, text, message):
    dic = write(tmp_path / "bad.dic", text)
    out = tmp_path / "out"
    assert_user_error(run("lexicon", "import-dic", str(dic), "-o", str(out)), f"{dic}{message}")
    assert not out.exists()


def test_import_dic_only_empty_categories(tmp_path):
    dic = write(tmp_path / "e.dic", "%\n1\tposemo\n%\n")
    assert_user_error(run("lexicon", "import-dic", str(dic), "-o", str(tmp_path / "o")), "no category has any entry")
    assert not (tmp_path / "o").exists()


def test_import_dic_missing_file(tmp_path):
    assert_user_error(run("lexicon", "import-dic", str(tmp_path / "nope.dic"), "-o", str(tmp_path / "o")), "nope.dic: no such file")


def test_import_dic_never_overwrites_and_writes_all_or_nothing(tmp_path):
    dic = write(tmp_path / "mini.dic", DIC)
    out = tmp_path / "topics"
    out.mkdir()
    mine = write(out / "work_life.toml", "# my own file\n")
    assert_user_error(run("lexicon", "import-dic", str(dic), "-o", str(out)), "work_life.toml already exists", "nothing was written")
    assert files_under(out) == ["work_life.toml"]
    assert mine.read_text(encoding="utf-8") == "# my own file\n"


def test_import_dic_refuses_an_id_an_existing_topic_uses(tmp_path):
    dic = write(tmp_path / "mini.dic", DIC)
    out = tmp_path / "topics"
    out.mkdir()
    write(out / "feelings.toml", 'kind = "topic"\nid = "posemo"\nlabel = "P"\nversion = "1"\nterms = ["glad"]\n')
    line = assert_user_error(run("lexicon", "import-dic", str(dic), "-o", str(out)))
    assert f"{dic}:2: category 'posemo' gives the topic id 'posemo', which is already used by" in line and "feelings.toml" in line
    assert files_under(out) == ["feelings.toml"]


def test_import_dic_into_a_folder_with_other_topics(tmp_path):
    dic = write(tmp_path / "mini.dic", DIC)
    out = tmp_path / "topics"
    out.mkdir()
    write(out / "trade.toml", 'kind = "topic"\nid = "trade"\nlabel = "Trade"\nversion = "1"\nterms = ["tariff*"]\n')
    assert run("lexicon", "import-dic", str(dic), "-o", str(out)).exit_code == 0
    assert sorted(read_topics(out)) == ["negemo", "posemo", "trade", "work_life"]


def test_write_files_rolls_back_when_a_rename_fails(tmp_path, monkeypatch):
    from framing.lexicons import scaffold

    out = tmp_path / "out"
    out.mkdir()
    write(out / "keep.toml", "keep")
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(scaffold.os, "replace", flaky)
    with pytest.raises(KeyboardInterrupt):
        scaffold.write_files(out, {"a.toml": "a", "b.toml": "b", "sub/c.toml": "c"})
    assert files_under(out) == ["keep.toml"]


def test_import_dic_cp1252_file_is_read_with_a_warning(tmp_path):
    dic = tmp_path / "latin.dic"
    dic.write_bytes("%\n1\tposemo\n%\ncaf\xe9\t1\n".encode("cp1252"))
    result = run("lexicon", "import-dic", str(dic), "-o", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "not UTF-8" in result.output
    assert read_topics(tmp_path / "o")["posemo"][2] == (("café", False, False),)


def test_export_writes_a_dic(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    write(src / "a.toml", 'kind = "topic"\nid = "united_states"\nlabel = "United States"\nversion = "1"\nterms = ["America*", "Washington"]\ncase_sensitive = ["US"]\nexclude = ["Washington State"]\n')
    write(src / "b.toml", 'kind = "topic"\nid = "security"\nlabel = "Security & defence"\nversion = "1"\nterms = ["military", "america*"]\n')
    out = tmp_path / "out.dic"
    result = run("lexicon", "export", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == (
        "%\n1\tsecurity\n2\tUnited States\n%\namerica*\t1 2\nmilitary\t1\nUS\t2\nWashington\t2\n"
    )
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning: ")]
    assert any("'united_states'" in w and "case-sensitive" in w and "US" in w for w in warnings), warnings
    assert any("'united_states'" in w and "exclude" in w and "Washington State" in w for w in warnings), warnings
    assert any("'security'" in w and "label 'Security & defence'" in w for w in warnings), warnings


def test_export_refuses_to_overwrite_without_force(tmp_path):
    out = write(tmp_path / "out.dic", "mine\n")
    topics = LEXICONS / "topics" / "japan.toml"
    assert_user_error(run("lexicon", "export", str(topics), "-o", str(out)), "out.dic already exists")
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("lexicon", "export", str(topics), "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("%\n1\tJapan\n%\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.dic"]


def test_export_refusals(tmp_path):
    actors = LEXICONS / "events" / "korea_china_summit_2026" / "actors.toml"
    assert_user_error(run("lexicon", "export", str(actors), "-o", str(tmp_path / "x.dic")), "not a topic lexicon")
    assert_user_error(run("lexicon", "export", str(tmp_path / "none"), "-o", str(tmp_path / "x.dic")), "no such file or directory")
    twin = write(tmp_path / "twin.toml", (LEXICONS / "topics" / "japan.toml").read_text(encoding="utf-8"))
    assert_user_error(run("lexicon", "export", str(LEXICONS / "topics"), str(twin), "-o", str(tmp_path / "x.dic")), "topic lexicon id 'japan' is already used by")
    paren = write(tmp_path / "f.toml", 'kind = "topic"\nid = "f"\nlabel = "F"\nversion = "1"\nterms = ["f(x)"]\n')
    assert_user_error(run("lexicon", "export", str(paren), "-o", str(tmp_path / "x.dic")), "'f(x)'", "special syntax")
    assert not (tmp_path / "x.dic").exists()


def test_export_of_a_folder_passes_over_other_kinds(tmp_path):
    out = tmp_path / "all.dic"
    result = run("lexicon", "export", str(LEXICONS), "-o", str(out))
    assert result.exit_code == 0, result.output
    non_topic = sum(1 for p in LEXICONS.rglob("*.toml") if 'kind = "topic"' not in p.read_text(encoding="utf-8"))
    topics = sum(1 for _ in (LEXICONS / "topics").glob("*.toml"))
    assert non_topic >= 3 and f"passed over {non_topic} lexicon(s)" in result.output
    header = out.read_text(encoding="utf-8").split("%\n")[1].splitlines()
    assert len(header) == topics


def test_round_trip_dic_to_topics_to_dic_to_topics(tmp_path):
    dic = write(tmp_path / "mini.dic", DIC)
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("lexicon", "import-dic", str(dic), "-o", str(first)).exit_code == 0
    exported = tmp_path / "again.dic"
    assert run("lexicon", "export", str(first), "-o", str(exported)).exit_code == 0
    result = run("lexicon", "export", str(first), "-o", str(exported), "--force")
    assert result.exit_code == 0 and "Warning" not in result.output  # nothing of an imported dic is lost
    assert run("lexicon", "import-dic", str(exported), "-o", str(second)).exit_code == 0
    assert read_topics(first) == read_topics(second)
    # Exporting the re-imported lexicons gives the same bytes again.
    third = tmp_path / "third.dic"
    assert run("lexicon", "export", str(second), "-o", str(third)).exit_code == 0
    assert third.read_bytes() == exported.read_bytes()


def test_round_trip_shipped_topics_minus_documented_losses(tmp_path):
    from framing.lexicons.liwc import read_topic_lexicons
    from framing.lexicons.scaffold import snake_id

    dic = tmp_path / "shipped.dic"
    assert run("lexicon", "export", str(LEXICONS / "topics"), "-o", str(dic)).exit_code == 0
    back = tmp_path / "back"
    assert run("lexicon", "import-dic", str(dic), "-o", str(back)).exit_code == 0
    original, _ = read_topic_lexicons([LEXICONS / "topics"])
    again = read_topics(back)
    assert sorted(again) == sorted(lex.id for lex in original)
    for lex in original:
        label, _, terms = again[lex.id]
        # Case sensitivity is dropped: every term comes back case-insensitive, same words
        # (a case-sensitive "MOU" and a plain "MoU" become one word).
        assert {t.text.casefold() for t in lex.terms} == {t[0].casefold() for t in terms}
        assert len(terms) == len({t.text.casefold() for t in lex.terms})
        assert all(not cs for _, _, cs in terms)
        assert label == (lex.label if snake_id(lex.label) == lex.id else lex.id)


# --------------------------------------------------------------------------------------------
# Codebook
# --------------------------------------------------------------------------------------------


def _fake_result():
    """A tiny AnalysisResult built by hand (three articles from three outlets), enough for
    every table function of framing.tables to produce its columns."""
    from framing.compare import compare
    from framing.text import Corpus
    from framing.measures.digest import digest_article
    from framing.lexicons import ActorsLexicon, LexiconSet
    from framing.pipeline import AnalysisResult
    from framing.settings import Settings
    from framing.sentiment import polarity
    from framing.types import Actor, Article, ArticleAnalysis, Mention, Quote, Sentence, SentenceTone, Span, TopicHit, TopicLexicon, TopicTerm

    actors = (Actor("anna_berg", "Anna Berg", surname="Berg", gender="female", type="government", lexicon="talks"),)
    topics = (TopicLexicon("trade", "Trade", "", "1", (TopicTerm("trade"),)),)
    analyses = []
    for n, outlet in enumerate(["Outlet A", "Outlet B", "Outlet C"]):
        text = ARTICLE.replace("Monday", ["Monday", "Monday", "Friday"][n])  # a0 and a1: one story printed twice (duplicates.csv)
        article = Article(f"a{n}", outlet, "Leaders agree", text, source=f"a{n}.txt")
        sentences, start = [], 0
        for i, line in enumerate(text.splitlines()):
            if line.strip():
                sentences.append(Sentence(article.id, len(sentences), Span(start, start + len(line)), i, "headline" if i == 0 else "body"))
            start += len(line) + 1
        q_start = text.index("We have")
        q_end = text.index(',"', q_start)
        berg = text.index("Berg told")
        quote = Quote(article.id, Span(q_start, q_end), "direct", "anna_berg", "Anna Berg", "government", Span(berg, berg + 4), "told", None, "told reporters", "press_event", None, sentences[2].index)
        mentions = (Mention(article.id, "anna_berg", Span(text.index("Anna Berg"), text.index("Anna Berg") + 9), "name"), Mention(article.id, "anna_berg", Span(berg, berg + 4), "surname"))
        trade = text.index("trade")
        tones = tuple(SentenceTone(article.id, s.index, s.role, **polarity(text[s.span.start : s.span.end])) for s in sentences)
        analyses.append(
            ArticleAnalysis(article, (), (), tuple(sentences), mentions, (quote,), tones, (TopicHit(article.id, "trade", "trade", Span(trade, trade + 5), sentences[3].index),), ())
        )
    lexicons = LexiconSet(language=None, attribution=None, topics=topics, actor_lexicons=(ActorsLexicon("talks", "Talks", actors),))
    corpus = Corpus("fake", tuple(a.article for a in analyses))
    digests = tuple(digest_article(a, [t.id for t in topics]) for a in analyses)
    comparison = compare(digests, seed=0, n_boot=5)
    return AnalysisResult(corpus, lexicons, tuple(analyses), digests, Settings(seed=0, n_boot=5), comparison=comparison)


def _assert_codebook_matches(tables):
    from framing.codebook import CODEBOOK

    assert sorted(CODEBOOK) == sorted(tables)
    for name, (columns, rows) in tables.items():
        assert list(CODEBOOK[name]) == list(columns), name
        for row in rows:
            assert set(row) <= set(columns), (name, set(row) - set(columns))


def test_codebook_covers_every_table_and_column_of_a_small_result():
    from framing.tables import all_tables

    tables = {name: (columns, list(rows)) for name, (columns, rows) in all_tables(_fake_result()).items()}
    assert all(rows for _, rows in tables.values()), [n for n, (_, rows) in tables.items() if not rows]
    _assert_codebook_matches(tables)


def test_codebook_covers_every_table_of_the_seed_run(seed_result):
    from framing.tables import all_tables

    _assert_codebook_matches(all_tables(seed_result))


def test_codebook_descriptions_say_type_and_meaning():
    from framing.codebook import CODEBOOK, TABLE_UNITS

    assert sorted(TABLE_UNITS) == sorted(CODEBOOK)
    types = ("text", "integer", "number", "true/false")
    for name, columns in CODEBOOK.items():
        for column, text in columns.items():
            kind, _, meaning = text.partition(":")
            assert kind.split(" ")[0] in types, (name, column, text)
            assert len(meaning.strip()) > 10, (name, column)


def test_codebook_json_markdown_and_files(tmp_path):
    from framing.codebook import CODEBOOK, codebook_json, codebook_markdown, write_codebook

    text = codebook_json()
    assert json.loads(text) == CODEBOOK
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    md = codebook_markdown()
    for name, columns in CODEBOOK.items():
        assert f"## {name}" in md
        for column in columns:
            assert f"| `{column}` |" in md
    paths = write_codebook(tmp_path / "data")
    assert [p.name for p in paths] == ["codebook.json", "codebook.md"]
    assert paths[0].read_text(encoding="utf-8") == text and paths[1].read_text(encoding="utf-8") == md


# --------------------------------------------------------------------------------------------
# The Python API behind the commands
# --------------------------------------------------------------------------------------------


def test_templates_validate_for_many_ids():
    from framing.lexicons.scaffold import new_actors_lexicon, new_topic_lexicon, validate_lexicon_text

    for lexicon_id in ["a", "x1", "climate_policy", "north_korea_2", "z_"]:
        topic = validate_lexicon_text(new_topic_lexicon(lexicon_id), "t.toml")
        assert topic.id == lexicon_id and [t.text for t in topic.terms] == [lexicon_id.replace("_", " ").strip()]
        actors = validate_lexicon_text(new_actors_lexicon(lexicon_id, label='Quote " and \\ back'), "a.toml")
        assert actors.label == 'Quote " and \\ back'
    with pytest.raises(FramingError):
        new_topic_lexicon("Not-Snake")


def test_snake_id():
    from framing.lexicons.scaffold import snake_id

    assert snake_id("Positive Emotion") == "positive_emotion"
    assert snake_id("  Work--Life ") == "work_life"
    assert snake_id("Ökonomie") == "okonomie"
    assert snake_id("1st person", prefix="category") == "category_1st_person"
    assert snake_id("情感") == ""


def test_parse_dic_api_reports_source_and_line():
    from framing.lexicons.liwc import parse_dic

    dic = parse_dic(DIC, "mini.dic")
    assert [(c.number, c.name) for c in dic.categories] == [(1, "posemo"), (2, "negemo"), (3, "Work Life"), (4, "parent")]
    assert [(e.word, e.categories, e.line) for e in dic.entries][-2:] == [("good", (1,), 11), ("bad", (2,), 12)]
    with pytest.raises(LexiconError, match=r"^x\.dic:4: "):
        parse_dic("%\n1 a\n%\nb\t9\n", "x.dic")
    # A category name with no Latin letter gets an id from its number.
    dic = parse_dic("%\n7\t情感\n%\n快乐\t7\n", "zh.dic")
    from framing.lexicons.liwc import dic_to_topic_files

    files, _ = dic_to_topic_files(dic)
    assert list(files) == ["category_7.toml"]


def test_new_folder_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    from framing.lexicons import scaffold

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(scaffold.os, "rename", refuse)
    assert_user_error(run("init", str(tmp_path / "c")), "cannot write")
    assert list(tmp_path.iterdir()) == []
