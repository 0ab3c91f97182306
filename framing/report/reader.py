"""The reader: every article of the report down to the sentence (up to ``READER_LIMIT``),
quotes underlined in their speaker's colour, channels boxed, topic terms tagged, and the
controls that filter them. Every attribute value and text is escaped."""

from __future__ import annotations

import html

from ..measures.quotes import SPEECH_KINDS, counts_as_speaker
from .palette import OTHERS_COLOUR

ROLE_CLASS = {"body": "", "headline": "role-headline", "heading": "role-heading", "byline": "role-furniture", "caption": "role-furniture", "boilerplate": "role-furniture"}


def _markup(text: str, start: int, end: int, spans: list[tuple[int, int, int, str, str]]) -> str:
    """Escaped ``text[start:end]`` with every (start, end, priority, open, close) span applied.

    The text is cut at every span boundary and each piece is wrapped in the spans active
    over it, so overlapping spans still give valid, properly nested HTML.
    """
    cuts = sorted({start, end, *(max(start, min(end, p)) for s in spans for p in s[:2])})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = sorted((s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: s[2])
        piece = html.escape(text[a:b])
        for s in reversed(active):
            piece = f"{s[3]}{piece}{s[4]}"
        out.append(piece)
    return "".join(out)


def _article_html(a, speaker_colours: dict[str, str]) -> str:
    """One article: sentences with their role and tone, quotes in the colour of their
    speaker (``speaker_colours`` maps speaker ids to colours), channels marked, topic terms
    tagged. Every attribute value and text is escaped."""
    text = a.article.text
    spans: list[tuple[int, int, int, str, str]] = []
    for q in a.quotes:
        colour = speaker_colours.get(q.speaker_id or "", "#777777")
        title = html.escape(
            f"{q.kind} quote"
            + (f" · {q.speaker}" if q.speaker else "")
            + (f" · via {q.channel}" if q.channel else "")
            + (f" · {q.stance}" if q.kind == "reported" and q.stance else "")
            + (" · not counted" if q.kind in SPEECH_KINDS and not counts_as_speaker(q) else "")
            + (f" · corrected by hand ({q.corrected})" if q.corrected else ""),
            quote=True,
        )
        speaker = html.escape(q.speaker_id or "", quote=True)
        # an interrupted direct quote is marked piece by piece, not over its "she said"
        for piece in q.quoted if q.kind == "direct" and q.quoted else (q.span,):
            corrected = " corrected" if q.corrected else ""
            spans.append((piece.start, piece.end, 0, f'<mark class="quote q-{q.kind}{corrected}" data-speaker="{speaker}" style="border-color:{colour}" title="{title}">', "</mark>"))
        if q.channel_span is not None:
            spans.append((q.channel_span.start, q.channel_span.end, 1, f'<span class="channel" title="channel: {html.escape(q.channel_type, quote=True)}">', "</span>"))
    for h in a.topic_hits:
        spans.append((h.span.start, h.span.end, 2, f'<span class="topic" data-topic="{html.escape(h.topic_id, quote=True)}" title="topic: {html.escape(h.topic_id, quote=True)}">', "</span>"))
    tone = {t.sentence_index: t.compound for t in a.tones}
    out: list[str] = []
    for s in a.sentences:
        inside = [sp for sp in spans if sp[0] < s.span.end and sp[1] > s.span.start]
        body = _markup(text, s.span.start, s.span.end, inside)
        score = tone.get(s.index)
        badge = f'<span class="tone" title="VADER compound">{score:+.2f}</span>' if score is not None and s.role == "body" else '<span class="tone"></span>'
        out.append(f'<p class="sent {ROLE_CLASS[s.role]}" data-role="{s.role}" id="s-{html.escape(a.article.id, quote=True)}-{s.index}">{badge}{body}</p>')
    return "\n".join(out)


READER_LIMIT = 200  # articles whose full text the page embeds; beyond, it shows aggregates only

READER_JS = """
(function(){
  var pick=document.getElementById('reader-article'), actor=document.getElementById('reader-actor'), topic=document.getElementById('reader-topic');
  function show(){
    var v=pick.value;
    document.querySelectorAll('#reader article.article').forEach(function(el){ el.hidden = !(v==='*' || el.dataset.article===v); });
  }
  function filter(){
    var a=actor.value, t=topic.value;
    document.querySelectorAll('#reader mark.quote').forEach(function(el){ el.classList.toggle('dim', a!=='' && el.dataset.speaker!==a); });
    document.querySelectorAll('#reader span.topic').forEach(function(el){ el.classList.toggle('on', t!=='' && el.dataset.topic===t); });
  }
  pick.addEventListener('change', show); actor.addEventListener('change', filter); topic.addEventListener('change', filter);
  show(); filter();
  var mic=document.getElementById('fig-microphone');
  if(mic && mic.on){ mic.on('plotly_click', function(ev){
    var p=ev.points[0]; if(!p) return;
    var outlet=p.x, speaker=p.data.meta;
    actor.value=speaker||''; filter();
    var first=null; document.querySelectorAll('#reader article.article').forEach(function(el){ if(!first && el.dataset.outlet===outlet){ first=el; } });
    if(first){ pick.value=first.dataset.article; show(); first.scrollIntoView(); }
  }); }
})();
"""


def section(report) -> str:
    esc = html.escape
    shown = report.result.analyses[:READER_LIMIT]
    colour_by_id = {i: report.speaker_colours.get(i, OTHERS_COLOUR) for i in report.speaker_names}
    articles = "\n".join(
        f'<article class="article" id="article-{n}" data-article="{esc(a.article.id, quote=True)}" data-outlet="{esc(a.article.outlet, quote=True)}">'
        f'<h3>{esc(a.article.outlet)}: {esc(a.article.title or a.article.id)}</h3>\n{_article_html(a, colour_by_id)}</article>'
        for n, a in enumerate(shown)
    )
    options = "".join(f'<option value="{esc(a.article.id, quote=True)}">{esc(a.article.outlet)}: {esc((a.article.title or a.article.id)[:80])}</option>' for a in shown)
    all_option = '<option value="*">all articles</option>' if len(shown) <= 20 else ""
    speaker_ids = sorted({(q.speaker, q.speaker_id) for a in shown for q in a.quotes if q.speaker_id})  # who the reader can show
    actor_options = "".join(f'<option value="{esc(i, quote=True)}">{esc(name)}</option>' for name, i in speaker_ids)
    topic_options = "".join(f'<option value="{esc(t.id, quote=True)}">{esc(t.label)}</option>' for t in report.result.lexicons.topics)
    limit_note = (
        f"<p>The corpus has {len(report.result.digests)} articles; this page embeds the first {READER_LIMIT} (by id) to stay quick to open. Every article is in the data files.</p>"
        if len(report.result.digests) > READER_LIMIT
        else ""
    )
    return (
        f"""<section id="reader"><h2>Read the articles</h2>
<p class="how">How to read this: quotes are underlined in their speaker's colour (the nine most quoted speakers have the colours of the charts above; other speakers' quotes are light grey, quotes with no speaker dark grey; hover for kind, speaker, channel, the stance of reported speech and whether it counts; a dotted red outline marks a quote a coder corrected by hand); channels are boxed; grey lines are page furniture that no measure counts; the number in the margin is the sentence's tone. Pick a speaker to fade everyone else's quotes, or a topic to tag its terms; clicking a bar in "Who gets the microphone" jumps here. Data: <a href="data/sentences.csv">sentences.csv</a>, <a href="data/quotes.csv">quotes.csv</a>.</p>
{limit_note}<div class="controls"><label>Article <select id="reader-article">{all_option}{options}</select></label>
<label>Speaker <select id="reader-actor"><option value="">all speakers</option>{actor_options}</select></label>
<label>Topic <select id="reader-topic"><option value="">no topic</option>{topic_options}</select></label></div>
{articles}</section>"""
    )
