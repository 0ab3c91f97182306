"""The offline coding page: one self-contained HTML file a coder opens from disk to check a
``Sample`` by hand, and saves as ``coded-<coder>.json`` (the ``CodedSheet`` JSON of ``items``).

Each item is a card with its context, the item's span highlighted and framing's marks styled,
and one control per field pre-filled with framing's answer. A card counts as coded once the
coder confirms it (its Confirm button, or changing any field); an unconfirmed card is saved
with ``coded: {}``. For quotes the coder can also add a quote framing missed, by selecting its
words in the context. Work is kept in the browser's localStorage, and a saved file can be
opened again to go on.

The page holds no external URL. The sample is embedded as JSON with ``<``, ``>`` and ``&``
escaped, and the script builds every piece of article text as DOM text nodes, so markup in an
article is shown, never run.
"""

from __future__ import annotations

import html
import json

from .items import CODED_FORMAT, VERSION, Sample

INSTRUCTIONS = {
    "quotes": "Each card shows a passage where framing found a quote or reported speech: the words it took as the quote are highlighted, "
    "the speaker it found is underlined, the verb of saying is bold and the channel italic. Check each answer against the text, correct what "
    "is wrong and press Confirm (changing an answer confirms the card too). If the highlighted text is not something a source is reported to "
    "have said, choose \u201cno\u201d: the other questions then do not apply. If the passage holds a quote framing did not find, select its "
    "words with the mouse and add it under \u201cAdd a quote framing missed\u201d.",
    "mentions": "Each card shows a passage with the words framing took to refer to an actor highlighted. Say whether they refer to the actor "
    "named in the question, correct the name if needed, and press Confirm (changing an answer confirms the card too).",
    "topics": "Each card shows a sentence (tinted grey-blue) that framing put under a topic because of the highlighted words. Say whether the "
    "sentence is about the topic named, and press Confirm (changing the answer confirms the card too).",
    "tone": "Each card shows a sentence (highlighted) and the actor it speaks of (in blue). Choose the sentence's tone toward that actor, "
    "not whether the news itself is good or bad, and press Confirm (changing the answer confirms the card too).",
}


def coding_page(sample: Sample) -> str:
    """The coding page of ``sample``: a self-contained HTML document (same sample, same bytes)."""
    data = json.loads(sample.to_json())
    data.pop("population", None)
    data["instructions"] = INSTRUCTIONS[sample.what]
    data["coded_format"], data["coded_version"] = CODED_FORMAT, VERSION
    embedded = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    embedded = embedded.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    title = html.escape(f"Coding {sample.what} of {sample.corpus or 'a corpus'} (seed {sample.seed})")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header class="top">\n<h1>{title}</h1>\n'
        '<p id="instructions"></p>\n<p id="legend" class="legend"></p>\n</header>\n'
        '<div class="bar">\n<label for="coder">Your name</label> <input id="coder" type="text" autocomplete="name" required aria-describedby="message">\n'
        '<button type="button" id="save">Save</button>\n'
        '<label for="open" class="open">Open a saved file</label> <input id="open" type="file" accept=".json,application/json">\n'
        '<span id="progress" aria-live="polite"></span>\n<p id="message" role="alert"></p>\n</div>\n'
        '<main id="cards"></main>\n'
        f'<script type="application/json" id="sample">{embedded}</script>\n'
        f"<script>{JS}</script>\n</body>\n</html>\n"
    )


CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
.top{background:#fff;padding:.5rem 1rem 0}.bar{background:#fff;border-bottom:1px solid #ccc;padding:.4rem 1rem;position:sticky;top:0;z-index:1}
h1{font-size:1.25rem;margin:.25rem 0}#instructions{max-width:60rem;margin:.25rem 0}.legend{font-size:.9rem;color:#444;margin:.25rem 0}
.bar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}#progress{font-weight:600;margin-left:auto}
#message{color:#a40000;margin:0;flex-basis:100%}#message:empty{display:none}#coder{width:14rem}#message.ok{color:#1d6b1d}
main{padding:1rem;max-width:60rem}
.card{background:#fff;border:1px solid #bbb;border-left:6px solid #bbb;border-radius:4px;padding:.75rem 1rem;margin:0 0 1rem}
.card.done{border-left-color:#2e7d32}.card h2{font-size:1rem;margin:0}.meta{color:#555;font-size:.9rem;overflow-wrap:anywhere}
.status{font-size:.85rem;padding:0 .4rem;border-radius:3px;background:#eee}.done .status{background:#dcedc8}
.context{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:.5rem .75rem;margin:.5rem 0;overflow-wrap:anywhere}
mark{background:#fff176;color:inherit}.m-speaker{text-decoration:underline;text-decoration-thickness:2px}.m-cue{font-weight:700}
.m-channel{font-style:italic}.m-target{background:#90caf9;outline:1px solid #1565c0}.m-quoted{color:#6a1b9a}
.m-sentence{background:#dde7f0}mark .m-sentence{background:transparent}
fieldset{border:1px solid #ddd;margin:.5rem 0;padding:.25rem .75rem}legend{font-weight:600;padding:0 .25rem}
fieldset.choices label{margin-right:1rem;white-space:nowrap}.free label{display:block;font-weight:600}
input[type=text],textarea{font:inherit;width:100%;box-sizing:border-box;max-width:40rem}textarea{min-height:2.5em}
select{font:inherit}button{font:inherit;padding:.2rem .8rem;cursor:pointer}:focus-visible{outline:3px solid #1565c0;outline-offset:2px}
[disabled]{opacity:.55}.add{border-top:1px dashed #ccc;margin-top:.5rem;padding-top:.25rem}.add summary{cursor:pointer}
.pending{font-style:italic;color:#444}.added li{margin:.25rem 0}
@media print{.bar,#message,button,.add form{display:none}.card{break-inside:avoid;border-left-width:1px}body{background:#fff}}
"""

JS = r"""
(function () {
"use strict";
var S = JSON.parse(document.getElementById("sample").textContent);
var FIELDS = S.fields, FIRST = FIELDS[0];
var YESNO = FIRST.choices.length === 2 && FIRST.choices[0] === "yes" && FIRST.choices[1] === "no";
var KEY = "framing-coding:" + JSON.stringify([S.corpus, S.what, S.seed]);
var LEGEND = {quotes: [["m-speaker", "speaker"], ["m-cue", "verb of saying"], ["m-channel", "channel"], ["m-quoted", "quoted words"]],
  mentions: [], topics: [["m-sentence", "the sentence"]], tone: [["m-target", "the actor"]]};
var KINDS = ["direct", "partial", "reported"];
var state, cards = [];

function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== false && attrs[k] != null) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]); });
  (kids || []).forEach(function (k) { e.appendChild(typeof k === "string" ? document.createTextNode(k) : k); });
  return e;
}
function defaults(it) { var v = {}; FIELDS.forEach(function (f) { v[f.name] = it.framing[f.name] == null ? "" : String(it.framing[f.name]); }); return v; }
function fresh() {
  var s = {coder: "", items: {}, added: []};
  S.items.forEach(function (it) { s.items[it.id] = {confirmed: false, values: defaults(it), note: ""}; });
  return s;
}
function off(v) { return FIELDS.length > 1 && YESNO && v[FIRST.name] === "no"; }
function codedOf(it) {
  var st = state.items[it.id], c = {};
  if (!st.confirmed) return c;
  if (off(st.values)) { c[FIRST.name] = "no"; return c; }
  FIELDS.forEach(function (f) { c[f.name] = st.values[f.name] || ""; });
  return c;
}
function question(f, it) {
  return it.subject ? f.question.replace(/the (actor|topic) named/, function (m) { return m + " (\u201c" + it.subject + "\u201d)"; }) : f.question;
}
function persist() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage may be off for file:// */ } }
function restore() {
  var s = fresh(), saved = null;
  try { saved = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
  if (saved && typeof saved === "object") {
    s.coder = String(saved.coder || "");
    Object.keys(saved.items || {}).forEach(function (id) {
      var st = saved.items[id], mine = s.items[id];
      if (!mine || !st) return;
      mine.confirmed = !!st.confirmed; mine.note = String(st.note || "");
      FIELDS.forEach(function (f) { if (st.values && st.values[f.name] != null) mine.values[f.name] = String(st.values[f.name]); });
    });
    (saved.added || []).forEach(function (a) { if (s.items[a.card]) s.added.push(a); });
  }
  return s;
}

function segments(it, box) {
  var text = it.context, cs = it.context_start, n = text.length, cuts = [0, n];
  var clamp = function (x) { return Math.max(0, Math.min(n, x - cs)); };
  var spans = it.marks.map(function (m) { return {role: m.role, a: clamp(m.start), b: clamp(m.end)}; });
  var ia = clamp(it.start), ib = clamp(it.end), markEl = null;
  spans.forEach(function (m) { cuts.push(m.a, m.b); }); cuts.push(ia, ib);
  cuts = cuts.filter(function (x, i) { return cuts.indexOf(x) === i; }).sort(function (x, y) { return x - y; });
  for (var i = 0; i + 1 < cuts.length; i++) {
    var a = cuts[i], b = cuts[i + 1], roles = spans.filter(function (m) { return m.a <= a && b <= m.b; });
    if (a === b) continue;
    var piece = roles.length ? el("span", {"class": roles.map(function (m) { return "m-" + m.role; }).join(" "),
      title: roles.map(function (m) { return m.role; }).join(", ")}, [text.slice(a, b)]) : document.createTextNode(text.slice(a, b));
    if (ia <= a && b <= ib && ia < ib) { if (!markEl) { markEl = el("mark"); box.appendChild(markEl); } markEl.appendChild(piece); }
    else box.appendChild(piece);
  }
}
function offsetIn(box, node, offset) { var r = document.createRange(); r.setStart(box, 0); r.setEnd(node, offset); return r.toString().length; }

function card(it, n) {
  var st = function () { return state.items[it.id]; }, p = "i" + n + "-", controls = {};
  var status = el("span", {"class": "status"}), confirm = el("button", {type: "button"});
  var box = el("div", {"class": "context", id: p + "context", "aria-label": "Context of item " + (n + 1)});
  segments(it, box);
  var head = el("h2", {id: p + "h"}, ["Item " + (n + 1) + " of " + S.items.length + " "]);
  head.appendChild(status);
  var sec = el("section", {"class": "card", "data-id": it.id, "aria-labelledby": p + "h"},
    [head, el("div", {"class": "meta"}, [it.outlet + " \u00b7 article " + it.article]), box]);
  function changed(name, value) { st().values[name] = value; st().confirmed = true; update(); }
  FIELDS.forEach(function (f, k) {
    var q = question(f, it), wrap;
    if (f.choices.length) {
      wrap = el("fieldset", {"class": "choices", "data-field": f.name}, [el("legend", {}, [q])]);
      controls[f.name] = f.choices.map(function (c) {
        var r = el("input", {type: "radio", name: p + f.name, value: c, id: p + f.name + "-" + c});
        r.addEventListener("change", function () { if (r.checked) changed(f.name, c); });
        wrap.appendChild(el("label", {"for": r.id}, [r, " " + c]));
        return r;
      });
    } else {
      var t = el("input", {type: "text", id: p + f.name, "data-field": f.name});
      t.addEventListener("input", function () { changed(f.name, t.value); });
      wrap = el("div", {"class": "free"}, [el("label", {"for": t.id}, [q]), t]);
      controls[f.name] = [t];
    }
    controls[f.name].wrap = wrap; sec.appendChild(wrap);
  });
  var note = el("textarea", {id: p + "note", "data-field": "note"});
  note.addEventListener("input", function () { st().note = note.value; persist(); });
  sec.appendChild(el("div", {"class": "free"}, [el("label", {"for": note.id}, ["Note (optional)"]), note]));
  confirm.addEventListener("click", function () { st().confirmed = !st().confirmed; update(); });
  sec.appendChild(confirm);
  var add = S.what === "quotes" ? addForm(it, p, box) : null;
  if (add) sec.appendChild(add.root);
  function refresh() {
    var s = st(), dis = off(s.values);
    FIELDS.forEach(function (f, k) {
      controls[f.name].forEach(function (c) { if (c.type === "radio") c.checked = c.value === s.values[f.name]; else c.value = s.values[f.name]; c.disabled = k > 0 && dis; });
      controls[f.name].wrap.classList.toggle("off", k > 0 && dis);
    });
    note.value = s.note;
    sec.classList.toggle("done", s.confirmed);
    status.textContent = s.confirmed ? "confirmed" : "not coded yet";
    confirm.textContent = s.confirmed ? "Mark not coded" : "Confirm";
    if (add) add.refresh();
  }
  return {item: it, box: box, root: sec, refresh: refresh, add: add};
}

function addForm(it, p, box) {
  var pending = null, list = el("ul", {"class": "added"});
  var shown = el("p", {"class": "pending", "aria-live": "polite"}, ["Select the words of the quote in the text above."]);
  var speaker = el("input", {type: "text", id: p + "add-speaker", "data-field": "add-speaker"});
  var kind = el("select", {id: p + "add-kind", "data-field": "add-kind"}, KINDS.map(function (k) { return el("option", {value: k}, [k]); }));
  var channel = el("input", {type: "text", id: p + "add-channel", "data-field": "add-channel"});
  var button = el("button", {type: "submit", disabled: true}, ["Add this quote"]);
  var row = function (c, text) { return el("div", {"class": "free"}, [el("label", {"for": c.id}, [text]), c]); };
  var form = el("form", {}, [shown, row(speaker, "Speaker"), row(kind, "Kind"), row(channel, "Channel (empty when the text does not say)"), el("p", {}, [button])]);
  var root = el("details", {"class": "add"}, [el("summary", {}, ["Add a quote framing missed"]), list, form]);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!pending) return;
    state.added = state.added.filter(function (a) { return !(a.article === it.article && a.start === pending.start && a.end === pending.end); });
    state.added.push({card: it.id, article: it.article, outlet: it.outlet, start: pending.start, end: pending.end,
      speaker: speaker.value.trim(), kind: kind.value, channel: channel.value.trim()});
    pending = null; speaker.value = channel.value = ""; button.disabled = true;
    shown.textContent = "Added. Select more words to add another quote.";
    update();
  });
  function select(a, b) {
    var t = it.context;
    while (a < b && /\s/.test(t[a])) a++;
    while (b > a && /\s/.test(t[b - 1])) b--;
    if (a >= b) return;
    pending = {start: it.context_start + a, end: it.context_start + b};
    shown.textContent = "Selected: \u201c" + t.slice(a, b) + "\u201d";
    button.disabled = false; root.open = true;
  }
  function refresh() {
    while (list.firstChild) list.removeChild(list.firstChild);
    state.added.filter(function (a) { return a.card === it.id; }).sort(function (x, y) { return x.start - y.start || x.end - y.end; }).forEach(function (a) {
      var words = it.context.slice(a.start - it.context_start, a.end - it.context_start);
      var rm = el("button", {type: "button", "aria-label": "Remove the added quote \u201c" + words + "\u201d"}, ["Remove"]);
      rm.addEventListener("click", function () { state.added = state.added.filter(function (x) { return x !== a; }); update(); });
      list.appendChild(el("li", {}, ["\u201c" + words + "\u201d \u2014 " + (a.speaker || "no speaker") + " (" + a.kind + (a.channel ? ", " + a.channel : "") + ") ", rm]));
    });
    if (list.firstChild) root.open = true;
  }
  return {root: root, refresh: refresh, select: select};
}

document.addEventListener("selectionchange", function () {
  var sel = window.getSelection();
  if (!sel || !sel.rangeCount || sel.isCollapsed) return;
  var r = sel.getRangeAt(0);
  cards.forEach(function (c) {
    if (c.add && c.box.contains(r.startContainer) && c.box.contains(r.endContainer))
      c.add.select(offsetIn(c.box, r.startContainer, r.startOffset), offsetIn(c.box, r.endContainer, r.endOffset));
  });
});

function sheet() {
  var one = function (it, coded, note) { return {id: it.id, article: it.article, outlet: it.outlet, stratum: it.stratum, subject: it.subject,
    start: it.start, end: it.end, framing: it.framing, coded: coded, note: note}; };
  var added = state.added.slice().sort(function (x, y) { return x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start || x.end - y.end; });
  return {format: S.coded_format, version: S.coded_version, what: S.what, coder: state.coder.trim(),
    items: S.items.map(function (it) { return one(it, codedOf(it), state.items[it.id].note); }),
    added: added.map(function (a) { return one({id: a.article + "#added" + a.start + "-" + a.end, article: a.article, outlet: a.outlet, stratum: "", subject: "",
      start: a.start, end: a.end, framing: {}}, {is_quote: "yes", speaker: a.speaker, kind: a.kind, channel: a.channel}, ""); })};
}
function say(text, ok) { var m = document.getElementById("message"); m.textContent = text; m.className = ok ? "ok" : ""; }
function save() {
  var coder = state.coder.trim(), name = document.getElementById("coder");
  if (!coder) { say("Enter your name before saving."); name.setAttribute("aria-invalid", "true"); name.focus(); return; }
  name.removeAttribute("aria-invalid");
  var blob = new Blob([JSON.stringify(sheet(), null, 1) + "\n"], {type: "application/json"}), url = URL.createObjectURL(blob);
  var a = el("a", {href: url, download: "coded-" + coder.replace(/[^\p{L}\p{N}._-]+/gu, "_") + ".json"});
  document.body.appendChild(a); a.click(); document.body.removeChild(a);
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  say("Saved coded-" + coder + ".json (your work is also kept in this browser).", true);
}
function load(data) {
  if (!data || data.format !== S.coded_format) throw new Error("this is not a coded file saved by a coding page");
  if (data.what !== S.what) throw new Error("this file codes " + data.what + ", this page codes " + S.what);
  var s = fresh(), known = 0, where = {};
  S.items.forEach(function (it) { where[it.id] = it; });
  s.coder = String(data.coder || "");
  (data.items || []).forEach(function (c) {
    var it = where[c.id], mine = s.items[c.id];
    if (!it) return;
    known++;
    var coded = c.coded || {};
    mine.confirmed = Object.keys(coded).length > 0; mine.note = String(c.note || "");
    FIELDS.forEach(function (f) { if (coded[f.name] != null) mine.values[f.name] = String(coded[f.name]); });
  });
  (data.added || []).forEach(function (a) {
    var home = S.items.filter(function (it) { return it.article === a.article && it.context_start <= a.start && a.end <= it.context_end; })[0];
    var c = a.coded || {};
    if (home) s.added.push({card: home.id, article: home.article, outlet: home.outlet, start: +a.start, end: +a.end,
      speaker: String(c.speaker || ""), kind: KINDS.indexOf(c.kind) >= 0 ? c.kind : "direct", channel: String(c.channel || "")});
  });
  state = s;
  return known;
}

function update() {
  cards.forEach(function (c) { c.refresh(); });
  var done = S.items.filter(function (it) { return state.items[it.id].confirmed; }).length;
  document.getElementById("progress").textContent = done + " of " + S.items.length + " coded";
  persist();
}

document.getElementById("instructions").textContent = S.instructions;
var legend = document.getElementById("legend");
legend.appendChild(el("mark", {}, ["highlighted"]));
legend.appendChild(document.createTextNode(": the item"));
(LEGEND[S.what] || []).forEach(function (l) { legend.appendChild(document.createTextNode("; ")); legend.appendChild(el("span", {"class": l[0]}, [l[1]])); });
state = restore();
var main = document.getElementById("cards");
S.items.forEach(function (it, n) { var c = card(it, n); cards.push(c); main.appendChild(c.root); });
var coderInput = document.getElementById("coder");
coderInput.value = state.coder;
coderInput.addEventListener("input", function () { state.coder = coderInput.value; persist(); });
document.getElementById("save").addEventListener("click", save);
var opener = document.getElementById("open");
opener.addEventListener("change", function () {
  var file = opener.files && opener.files[0];
  if (!file) return;
  var reader = new FileReader();
  reader.onload = function () {
    try { var known = load(JSON.parse(String(reader.result))); coderInput.value = state.coder; update(); say("Opened " + file.name + ": " + known + " items of this sample.", true); }
    catch (e) { say("Cannot open " + file.name + ": " + e.message); }
    opener.value = "";
  };
  reader.readAsText(file);
});
update();
document.documentElement.setAttribute("data-ready", "1");
})();
"""
