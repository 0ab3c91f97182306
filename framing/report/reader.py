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
            kinds = f'data-kind="{q.kind}" data-speaker-type="{html.escape(q.speaker_type or "none", quote=True)}" data-channel-type="{html.escape(q.channel_type or "none", quote=True)}"'
            spans.append((piece.start, piece.end, 0, f'<mark class="quote q-{q.kind}{corrected}" data-speaker="{speaker}" {kinds} style="border-color:{colour}" title="{title}">', "</mark>"))
        if q.channel_span is not None:
            spans.append((q.channel_span.start, q.channel_span.end, 1, f'<span class="channel" title="channel: {html.escape(q.channel_type, quote=True)}">', "</span>"))
    for h in a.topic_hits:
        spans.append((h.span.start, h.span.end, 2, f'<span class="topic" data-topic="{html.escape(h.topic_id, quote=True)}" title="topic: {html.escape(h.topic_id, quote=True)}">', "</span>"))
    tone = {t.sentence_index: t.compound for t in a.tones}
    about: dict[int, list[str]] = {}
    for t in a.about:  # the tone toward each actor the sentence is about, as the charts read it
        about.setdefault(t.sentence_index, []).append(f"{t.actor_id}:{t.compound:+.2f}")
    by_paragraph: dict[int, list] = {}
    for s in a.sentences:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    out: list[str] = []
    esc = html.escape
    # A paragraph holds its sentences and the text between them, so the reader's text is the
    # article's; the numbers beside a sentence are CSS (data-badge), not text.
    for p in a.paragraphs:
        pieces, at = [], p.span.start
        for s in by_paragraph.get(p.index, ()):
            pieces.append(esc(text[at : s.span.start]))
            inside = [sp for sp in spans if sp[0] < s.span.end and sp[1] > s.span.start]
            score = tone.get(s.index)
            badge = f"{score:+.2f}" if score is not None and s.role == "body" else ""
            attrs = f' data-tone="{badge}" data-badge="{badge}"' if badge else ""
            if s.index in about:
                attrs += f' data-about="{esc(" ".join(about[s.index]), quote=True)}"'
            pieces.append(f'<span class="sent" id="s-{esc(a.article.id, quote=True)}-{s.index}"{attrs}>{_markup(text, s.span.start, s.span.end, inside)}</span>')
            at = s.span.end
        pieces.append(esc(text[at : p.span.end]))
        out.append(f'<p class="para {ROLE_CLASS[p.role]}" data-role="{p.role}">{"".join(pieces)}</p>')
    return "\n".join(out)


READER_LIMIT = 200  # articles whose full text the page embeds; beyond, it shows aggregates only

READER_JS = r"""
(function(){
  var pick=document.getElementById('reader-article'), actor=document.getElementById('reader-actor'), topic=document.getElementById('reader-topic');
  var measure=document.getElementById('reader-measure');
  if(!pick) return;
  var outlets={}; document.querySelectorAll('#reader article.article').forEach(function(el){ outlets[el.dataset.outlet]=true; });
  function show(){
    var v=pick.value;
    document.querySelectorAll('#reader article.article').forEach(function(el){ el.hidden = !(v==='*' || el.dataset.article===v); });
  }
  var quoteFilter=null;  // {attribute: value} of the quotes a chart led to (speaker type, channel, kind)
  function filter(){
    var a=actor.value, t=topic.value;
    document.querySelectorAll('#reader mark.quote').forEach(function(el){
      var off=(a!=='' && el.dataset.speaker!==a) || (quoteFilter && Object.keys(quoteFilter).some(function(k){ return el.dataset[k]!==quoteFilter[k]; }));
      el.classList.toggle('dim', !!off);
    });
    document.querySelectorAll('#reader span.topic').forEach(function(el){ el.classList.toggle('on', t!=='' && el.dataset.topic===t); });
  }
  // The number beside each sentence: its VADER tone, or the tone toward one actor when a chart of it led here.
  function badges(actorId, label){
    document.querySelectorAll('#reader .sent').forEach(function(el){
      var b=el.dataset.tone||'', hit=null;
      if(actorId){ (el.dataset.about||'').split(' ').forEach(function(x){ var kv=x.split(':'); if(kv[0]===actorId) hit=kv[1]; }); b=hit||''; }
      el.classList.toggle('about-on', !!hit);
      if(b) el.dataset.badge=b; else delete el.dataset.badge;
    });
    if(measure) measure.textContent = actorId ? 'the tone toward ' + (label||actorId) + ' (the chart\u2019s measure: sentences about them, their own quotes left out)' : 'each body sentence\u2019s VADER tone';
  }
  function escapeRe(w){ return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
  function articleOf(f){
    var found=null;
    document.querySelectorAll('#reader article.article').forEach(function(el){
      if(found) return;
      if(f.article ? el.dataset.article===f.article : (f.outlet && el.dataset.outlet===f.outlet)) found=el;
    });
    return found;
  }
  // Show what a mark of a chart (or a finding's link) stands for: {outlet, article, speaker,
  // quotes: {attribute: value}, topic, actor (+ label), word, body_sentence}.
  window.framingReader=function(f){
    document.querySelectorAll('#reader .sent.hit').forEach(function(el){ el.classList.remove('hit'); });
    actor.value = f.speaker!==undefined ? f.speaker : (f.actor ? '' : actor.value);
    if(f.topic!==undefined) topic.value=f.topic;
    quoteFilter = f.quotes || null;
    badges(f.actor||'', f.label);
    var art=articleOf(f);
    if(art && Array.prototype.some.call(pick.options, function(o){ return o.value===art.dataset.article; })) pick.value=art.dataset.article;
    show(); filter();
    var scope=art||document.getElementById('reader'), target=null;
    if(f.word){
      var re=new RegExp('(^|[^\\w])'+escapeRe(f.word)+'($|[^\\w])', 'i');
      scope.querySelectorAll('.sent').forEach(function(el){ if(re.test(el.textContent)){ el.classList.add('hit'); target=target||el; } });
    }
    if(f.body_sentence && art){ var s=art.querySelectorAll('.sent[data-tone]')[f.body_sentence-1]; if(s){ s.classList.add('hit'); target=s; } }
    if(!target && f.actor) target=scope.querySelector('.sent.about-on');
    if(!target && f.topic) target=scope.querySelector('span.topic.on');
    if(!target && (f.speaker || f.quotes)) target=scope.querySelector('mark.quote:not(.dim)');
    (target||art||document.getElementById('reader')).scrollIntoView();
  };
  pick.addEventListener('change', show); topic.addEventListener('change', filter);
  actor.addEventListener('change', function(){ quoteFilter=null; filter(); });
  show(); filter(); badges('');
  document.querySelectorAll('a.to-reader').forEach(function(a){
    a.addEventListener('click', function(ev){ ev.preventDefault(); window.framingReader(JSON.parse(a.dataset.reader)); });
  });
  function pointFilter(p){
    var r=p.data.meta && p.data.meta.reader, f={};
    if(r){
      if(r.cells){ var ij=p.pointNumber; f=Object.assign({}, (r.cells[ij[0]]||[])[ij[1]]||{}); }
      else if(r.points){ f=Object.assign({}, r.points[p.pointNumber]||{}); }
      else f=Object.assign({}, r);
    }
    if(!f.outlet && !f.article){
      if(outlets[p.x]) f.outlet=p.x; else if(outlets[p.y]) f.outlet=p.y; else if(outlets[p.data.name]) f.outlet=p.data.name;
    }
    return f;
  }
  // Every chart leads to the sentences behind a mark.
  document.querySelectorAll('.plotly-graph-div').forEach(function(div){
    if(!div.on) return;
    div.on('plotly_click', function(ev){ var p=ev.points && ev.points[0]; if(p) window.framingReader(pointFilter(p)); });
  });
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
<p class="how">How to read this: quotes are underlined in their speaker's colour (the nine most quoted speakers have the colours of the charts above; other speakers' quotes are light grey, quotes with no speaker dark grey; hover for kind, speaker, channel, the stance of reported speech and whether it counts; a dotted red outline marks a quote a coder corrected by hand); channels are boxed; grey lines are page furniture that no measure counts; the small number before a sentence is <span id="reader-measure">each body sentence’s VADER tone</span>. Pick a speaker to fade everyone else's quotes, or a topic to tag its terms; clicking a mark of any chart above leads here, to the sentences behind it. Data: <a href="data/sentences.csv">sentences.csv</a>, <a href="data/quotes.csv">quotes.csv</a>.</p>
{limit_note}<div class="controls"><label>Article <select id="reader-article">{all_option}{options}</select></label>
<label>Speaker <select id="reader-actor"><option value="">all speakers</option>{actor_options}</select></label>
<label>Topic <select id="reader-topic"><option value="">no topic</option>{topic_options}</select></label></div>
{articles}</section>"""
    )
