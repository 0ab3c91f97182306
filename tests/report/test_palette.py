"""One palette per meaning, colours never shared, outlet colours unique for any number of
outlets, tables that read as words (feature names, yes/no, captions), findings computed
from the seeds."""

from __future__ import annotations

import itertools

from framing.report.palette import (
    KIND_COLOURS, MEANING_COLOURS, OTHERS_COLOUR, OUTLET_PALETTE, SPEAKER_PALETTE, SPEAKER_TYPE_COLOURS, colours, feature_label, table_html,
)


def test_no_colour_means_two_things():
    palettes = {"outlets": set(OUTLET_PALETTE), "speakers": set(SPEAKER_PALETTE) | {OTHERS_COLOUR}, **{k: set(v.values()) for k, v in MEANING_COLOURS.items()}}
    for (a, pa), (b, pb) in itertools.combinations(palettes.items(), 2):
        assert not pa & pb, f"{a} and {b} share {pa & pb}"


def test_outlet_colours_are_unique_for_any_number_of_outlets():
    for n in (3, 8, 9, 25, 60):
        c = colours([f"Outlet {i}" for i in range(n)])
        assert len(set(c.values())) == n
        assert not set(c.values()) & (set(SPEAKER_PALETTE) | {OTHERS_COLOUR} | set(KIND_COLOURS.values()))
    assert list(colours(["a", "b"]).values()) == list(OUTLET_PALETTE[:2])  # the first eight are Okabe-Ito's


def test_feature_ids_read_as_words():
    names = {"lee_jae_myung": "Lee Jae-myung", "history": "History"}
    assert feature_label("quote_share:lee_jae_myung", names) == "share of quotes given to Lee Jae-myung"
    assert feature_label("about:lee_jae_myung", names) == "tone about Lee Jae-myung"
    assert feature_label("topic:history", names) == "weight of topic History"
    assert feature_label("speaker_type:state_media", names) == "share of quotes from state media sources"
    assert feature_label("unknown_prefix:x", names) == "unknown_prefix:x"


def test_tables_say_yes_and_no_have_a_caption_and_escape():
    rows = [{"outlet": "<b>A</b>", "feature": "kind:direct", "excludes_zero": True}, {"outlet": "B", "feature": "kind:partial", "excludes_zero": False}]
    out = table_html((("outlet", "feature", "excludes_zero"), rows), ("outlet", "feature", "excludes_zero"), "t", caption="What <sets> them apart",
                     labels={"feature": lambda f: feature_label(f, {})})
    assert "<caption>What &lt;sets&gt; them apart</caption>" in out and "&lt;b&gt;A&lt;/b&gt;" in out
    assert "<td>yes</td>" in out and "<td>no</td>" in out and "True" not in out and "False" not in out
    assert "share of direct quotes" in out and "<th>interval excludes 0</th>" in out


def test_share_charts_colour_types_by_their_own_palette(seed_result):
    from framing.measures.quotes import share_figure
    from framing.report.page import ReportContext

    report = ReportContext.of(seed_result, {})
    fig = share_figure(report, "speaker_type", "types")
    for bar in fig.data:
        value = bar.name.replace(" ", "_")
        assert bar.marker.color == SPEAKER_TYPE_COLOURS.get(value, OTHERS_COLOUR)


def test_the_seed_findings_state_counts_intervals_and_caveats(seed_result):
    from framing.report.findings import all_findings
    from framing.report.page import ReportContext
    from framing.tables import digest_tables

    report = ReportContext.of(seed_result, digest_tables(seed_result))
    found = {f.measure: f for f in all_findings(report)}
    mic = found["Who gets the microphone"]
    counted = [q for d in seed_result.digests if d.outlet == "NewsChina" for q in d.parts["quotes"] if q.counted]
    lee = sum(q.speaker_id == "lee_jae_myung" for q in counted)
    assert f"NewsChina gives Lee Jae-myung {lee} of its {len(counted)} attributed quotes" in mic.text and "95% interval" in mic.text
    assert mic.chart == "fig-microphone" and dict(mic.reader)["speaker"] == "lee_jae_myung" and "PolNeAR" in mic.caveat
    assert "Spearman" in found["Tone toward the most written-about person"].caveat
    assert "noise" in found["How alike the outlets are"].text
    assert all(f.caveat for f in found.values())
