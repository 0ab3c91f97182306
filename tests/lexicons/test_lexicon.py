"""Lexicons load, validate, and report every problem as one line ``file: key: problem``."""

from __future__ import annotations

import time

import pytest

from framing.errors import LexiconError
from framing.lexicons import check_paths, load_lexicons, read_lexicon_file

from ..conftest import EVENT_LEXICON, LEXICONS

ACTORS_HEAD = 'kind = "actors"\nid = "ev"\nlabel = "An event"\nversion = "1"\n'


def test_all_shipped_lexicons_validate():
    infos = check_paths([LEXICONS])
    kinds = {i.kind for i in infos}
    assert kinds == {"language", "attribution", "topic", "actors"}
    topic_ids = sorted(i.id for i in infos if i.kind == "topic")
    for wanted in ("japan", "united_states", "north_korea", "china", "taiwan", "economy", "history", "culture", "security", "diplomacy", "technology", "tourism"):
        assert wanted in topic_ids


def test_seed_lexicon_set(seed_lexicons):
    ids = {a.id for a in seed_lexicons.actors}
    assert {"lee_jae_myung", "xi_jinping", "li_min", "huang_fei"} <= ids
    assert len(seed_lexicons.topics) >= 12
    assert seed_lexicons.language.id == "en"


@pytest.mark.parametrize(
    "content, problem",
    [
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = [\n', "toml:"),
        ('id = "x"\nlabel = "X"\nversion = "1"\n', "kind: missing required key"),
        ('kind = "colour"\nid = "x"\nlabel = "X"\nversion = "1"\n', "kind: unknown kind 'colour'"),
        ('kind = "topic"\nid = "Bad Id"\nlabel = "X"\nversion = "1"\nterms = ["a"]\n', "id: 'Bad Id' is not a snake_case id"),
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = ["a"]\ncolour = 1\n', "colour: unknown key"),
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = []\n', "terms"),
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = ["Japan", "japan"]\n', "duplicate"),
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = 1\nterms = ["a"]\n', "version: expected a string"),
        ('kind = "topic"\nid = "x"\nlabel = "X"\nversion = "1"\nterms = "Japan"\n', "terms"),
        (ACTORS_HEAD + "[[actor]]\nid = \"a\"\n", "actor.a.name: missing required key"),
        (ACTORS_HEAD + '[[actor]]\nid = "a"\nname = "A"\ngender = "other"\n', "actor.a.gender"),
        (ACTORS_HEAD + '[[actor]]\nid = "a"\nname = "A"\nnickname = "B"\n', "actor.a.nickname: unknown key"),
        (ACTORS_HEAD + '[[actor]]\nid = "a"\nname = "Ann Lee"\n[[actor]]\nid = "b"\nname = "Bo Li"\naliases = ["Ann-Lee"]\n', "'Ann-Lee' is claimed by both 'a' and 'b'"),
        (ACTORS_HEAD + '[[actor]]\nid = "a"\nname = "A"\n[[actor]]\nid = "a"\nname = "B"\n', "duplicate actor id"),
        ('kind = "language"\nid = "en"\nlabel = "L"\nversion = "1"\n[segmentation]\nabbreviations = ["mr"]\n[lines]\nboilerplate = ["(unclosed"]\n', "lines.boilerplate: pattern '(unclosed' does not compile"),
        ('kind = "language"\nid = "en"\nlabel = "L"\nversion = "1"\n[segmentation]\nabbreviations = ["mr"]\n[lines]\nboilerplate = ["(a+)+$"]\n', "can hang on long lines"),
        ('kind = "language"\nid = "en"\nlabel = "L"\nversion = "1"\n[segmentation]\nabbreviations = []\n', "segmentation.abbreviations: empty list"),
    ],
)
def test_lexicon_errors_are_one_line_with_file_and_key(tmp_path, content, problem):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        read_lexicon_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert problem in message



def test_every_reader_of_a_lexicon_file_gives_the_same_messages(tmp_path):
    """``framing analyze``/``lexicon check``, ``lexicon export-dic`` and the writers of new
    lexicons read a file through one reader: same one-line message for the same problem."""
    from framing.lexicons.liwc import read_topic_lexicons
    from framing.lexicons.scaffold import existing_lexicon_ids, validate_lexicon_text
    from framing.quotes import load_rules
    from framing.topics import load_topic_lexicon

    latin = tmp_path / "latin.toml"
    latin.write_bytes('kind = "topic"\nid = "caf"\nlabel = "Caf\u00e9"\nversion = "1"\nterms = ["caf"]\n'.encode("latin-1"))
    broken = tmp_path / "broken.toml"
    broken.write_text('kind = "topic"\nterms = [\n', encoding="utf-8")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    for read in (read_lexicon_file, lambda p: read_topic_lexicons([p])):
        with pytest.raises(LexiconError, match=rf"^{latin}: file: not UTF-8 text$"):
            read(latin)
        with pytest.raises(LexiconError, match=rf"^{broken}: toml: "):
            read(broken)
    with pytest.raises(LexiconError, match=rf"^{folder}: cannot read: "):
        read_lexicon_file(folder)
    with pytest.raises(LexiconError, match=r"^new\.toml: toml: "):
        validate_lexicon_text('kind = "topic"\nterms = [\n', "new.toml")
    assert existing_lexicon_ids(tmp_path, "topic") == {}  # unreadable files are no lexicon here

    topic = tmp_path / "t.toml"
    topic.write_text('kind = "topic"\nid = "trade"\nlabel = "Trade"\nversion = "1"\nterms = ["trade"]\n', encoding="utf-8")
    assert existing_lexicon_ids(tmp_path, "topic") == {"trade": topic}
    assert load_topic_lexicon(topic).id == "trade"
    with pytest.raises(LexiconError, match=rf"^{topic}: kind: expected an attribution lexicon, got 'topic'$"):
        load_rules(topic)
    with pytest.raises(LexiconError, match=r"kind: expected a topic lexicon, got 'attribution'$"):
        load_topic_lexicon(LEXICONS / "language" / "attribution-en.toml")

def test_ids_that_clash_across_files(tmp_path):
    for name in ("one.toml", "two.toml"):
        (tmp_path / name).write_text('kind = "topic"\nid = "trade"\nlabel = "Trade"\nversion = "1"\nterms = ["trade"]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"two\.toml: id: topic lexicon id 'trade' is already used by .*one\.toml"):
        load_lexicons([tmp_path])


def test_alias_claimed_by_actors_of_two_lexicons(tmp_path):
    (tmp_path / "a.toml").write_text(ACTORS_HEAD.replace('"ev"', '"ev_a"') + '[[actor]]\nid = "lee_a"\nname = "Lee Jae-myung"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text(ACTORS_HEAD.replace('"ev"', '"ev_b"') + '[[actor]]\nid = "lee_b"\nname = "Lee Jae Myung"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="claimed by both 'lee_a' and 'lee_b'"):
        load_lexicons([tmp_path])


def test_missing_lexicon_path(tmp_path):
    with pytest.raises(LexiconError, match="no such file"):
        load_lexicons([tmp_path / "nowhere"])


def test_user_language_lexicon_replaces_the_shipped_one(tmp_path):
    path = tmp_path / "lang.toml"
    path.write_text('kind = "language"\nid = "en_custom"\nlabel = "L"\nversion = "2"\n[segmentation]\nabbreviations = ["mr", "approx"]\n', encoding="utf-8")
    lexicons = load_lexicons([path])
    assert lexicons.language.id == "en_custom"
    assert lexicons.language.boilerplate == ()


def test_catastrophic_pattern_is_refused_before_it_can_hang(tmp_path):
    path = tmp_path / "lang.toml"
    path.write_text('kind = "language"\nid = "en"\nlabel = "L"\nversion = "1"\n[segmentation]\nabbreviations = ["mr"]\n[lines]\nboilerplate = ["^(\\\\w+\\\\s?)*$"]\n', encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(LexiconError, match="nests a repeat"):
        read_lexicon_file(path)
    assert time.perf_counter() - started < 5  # refused at load, never run


def test_event_lexicon_has_the_seed_people():
    info, lexicon = read_lexicon_file(EVENT_LEXICON / "actors.toml")
    assert info.kind == "actors"
    names = {a.name for a in lexicon.actors}
    assert {"Lee Jae-myung", "Xi Jinping", "Li Min", "Huang Fei", "Wi Sung-lac", "Seok Byoung-hoon", "Sanae Takaichi"} <= names
