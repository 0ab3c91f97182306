"""Distinctive words: what each outlet over-uses against the rest, with a permutation null.

Two kinds of word are left out of the statistic before anything is counted, for every
outlet alike, because they say which outlet printed a text rather than how it framed the
event (on a Fox News / New York Times / HuffPost corpus they were the top "distinctive"
words):

- outlet names (``outlet_name_words``): every word of every outlet's name as the corpus
  gives it ("Fox News" -> fox, news; "HuffPost" -> huffpost), the name's words run
  together (foxnews), and the name part of every article's URL domain
  (``https://www.foxnews.com/...`` -> foxnews); a word's possessive ("fox's") goes with it.
  A name word is left out of every outlet's counts, not only its own outlet's: "Fox" in a
  New York Times article is mostly an attribution ("told Fox News"), and one vocabulary for
  the whole corpus keeps every outlet's z, prior and null on the same counts. The price: a
  name word that is also an ordinary word ("new", "times" of "The New York Times") goes
  too, which is why the words left out are named in every row;
- house style (``LanguageRules.honorifics``, the language lexicon's ``[style]
  honorifics``): "mr", "ms", ... that one outlet's style guide puts before every name.

The words left out that the corpus holds are recorded in every row (``left_out_names``,
``left_out_style``), and the permutation null is computed on the same filtered counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..measures.digest import ArticleDigest
from ..text.tokens import term_words
from ..types import ArticleAnalysis
from .common import _as_digests, _r

#: ``distinctive_terms`` counts words under this many (vocabulary x shuffles) cells of
#: shuffled outlet labels per sparse product: 32 MB of float64 counts.
PERMUTATION_BLOCK_CELLS = 4_000_000

#: Second-level labels of country domains ("bbc.co.uk", "abc.net.au", "asahi.or.jp"): the
#: part of a host that is not the site's name. A URL convention, not a list of outlets.
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "nic", "gob", "gv"})
#: Leading host labels that are not part of a site's name.
_HOST_PREFIXES = frozenset({"www", "www1", "www2", "www3", "m", "amp", "mobile"})


def domain_name(url: str) -> str:
    """The site-name part of ``url``'s host: ``https://www.foxnews.com/politics`` ->
    ``foxnews``, ``https://edition.cnn.com/x`` -> ``cnn``, ``https://www.bbc.co.uk/news`` ->
    ``bbc``; "" for no URL, a file path or a bare IP address. The label just before the
    public suffix (the top-level domain, and a country domain's second level such as
    ``co.uk``); subdomains are dropped, as they are sections ("edition", "video"), not names."""
    url = url.strip()
    if url.casefold().startswith("www."):  # a host without its scheme
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    labels = [label for label in host.casefold().rstrip(".").split(".") if label]
    while labels and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return ""
    suffix = 2 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 1
    return labels[-1 - suffix]


def outlet_name_words(outlets: Iterable[str], urls: Iterable[str] = ()) -> frozenset[str]:
    """The word tokens (as the distinctive words count them: ``term_words``, at least two
    letters) of every outlet name and of the site name of every URL: "Fox News" -> fox,
    news, foxnews (the words run together, as in a domain or a hashtag); "The Huffington
    Post" -> huffington, post, thehuffingtonpost (and "the", a stopword that is never
    counted anyway); ``https://www.huffpost.com/entry/...`` -> huffpost. A hyphenated name
    gives the whole word and its parts."""
    words: set[str] = set()

    def add(text: str) -> None:
        found = term_words(text)
        for w in found:
            words.add(w)
            words.update(w.split("-"))  # not at apostrophes: "l'express" is not "express"
        if len(found) > 1:
            words.add("".join(w.replace("'", "").replace("-", "") for w in found))

    for name in outlets:
        add(name)
    for url in urls:
        add(domain_name(url).replace("-", " "))
    return frozenset(w for w in words if len(w) > 1)


@cache
def shipped_house_style() -> frozenset[str]:
    """The shipped language lexicon's ``[style] honorifics``: what ``distinctive_terms``
    leaves out as house style when it is not told (``compare`` calls it without them)."""
    from ..lexicons import load_lexicons

    return load_lexicons().language.honorifics


def left_out_reason(token: str, names: Collection[str], house_style: Collection[str]) -> str | None:
    """Why ``token`` is left out of the distinctive words: ``"name"`` (a word of an outlet's
    name or site, or its possessive: "fox", "fox's"), ``"style"`` (a house-style word of the
    language lexicon: "mr") or None (counted)."""
    if token in names or token.split("'", 1)[0] in names:
        return "name"
    if token in house_style:
        return "style"
    return None


def distinctive_terms(
    analyses: Sequence[ArticleAnalysis] | Sequence[ArticleDigest],
    *,
    stopwords: frozenset[str] = frozenset(),
    seed: int = 0,
    n_perm: int = 200,
    top: int = 25,
    unit: str = "article",
    house_style: Collection[str] | None = None,
    leave_out_outlet_names: bool = True,
) -> list[dict[str, Any]]:
    """Words each outlet over-uses against the rest: the log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16-22), with the
    whole corpus's counts as the prior. The null threshold is the 95th percentile of the
    largest z over all words when the units are shuffled between the outlet and the rest
    (sizes kept), so "above_null" means above what chance gives the top word. The unit
    shuffled is the unit of analysis: whole articles when each outlet has several (a
    sentence shuffle would ignore that an article's sentences share their words), body
    sentences when some outlet has fewer than ``MIN_ARTICLES_PER_OUTLET``.

    Outlet names and house style are left out first (the module's docstring has the rule):
    ``house_style`` is the language lexicon's ``honorifics`` (None: the shipped lexicon's;
    empty: none), ``leave_out_outlet_names=False`` keeps the name words in. Every row names
    the words left out that the corpus held (``left_out_names``, ``left_out_style``: space
    separated, most frequent first) and carries the counts behind its z: the word's count
    in the outlet and in the rest, their totals of counted words and their numbers of units."""
    from array import array

    from scipy.sparse import csr_matrix

    # The unit x word count matrix, built one unit at a time (no corpus-wide token lists).
    index: dict[str, int] = {}
    rows, cols, data = array("q"), array("q"), array("d")
    labels: list[str] = []
    digests = _as_digests(analyses, stopwords)
    names = outlet_name_words(sorted({d.outlet for d in digests}), sorted({d.url for d in digests if d.url})) if leave_out_outlet_names else frozenset()
    style = shipped_house_style() if house_style is None else frozenset(w.casefold() for w in house_style)
    verdicts: dict[str, str | None] = {}  # token -> left_out_reason, judged once per word
    dropped: set[str] = set()  # the tokens judged so far that are left out
    left_out: Counter[str] = Counter()
    for d in digests:
        units_of_article = [terms.split() for terms in d.terms]
        if unit == "outlet":
            units_of_article = [[t for tokens in units_of_article for t in tokens]]
        for tokens in units_of_article:
            counts = Counter(tokens)
            for t in counts.keys() - verdicts.keys():  # set operations: most units hold no new word to judge
                verdicts[t] = reason = left_out_reason(t, names, style)
                if reason is not None:
                    dropped.add(t)
            for t in counts.keys() & dropped:
                left_out[t] += counts.pop(t)
            rows.extend([len(labels)] * len(counts))
            cols.extend(index.setdefault(t, len(index)) for t in counts)
            data.extend(counts.values())
            labels.append(d.outlet)
    outlets = sorted(set(labels))
    if len(outlets) < 2 or not labels or not index:
        return []
    vocab = sorted(index)
    column = np.empty(len(index), dtype=np.int64)  # first-seen id -> alphabetical id
    for k, t in enumerate(vocab):
        column[index[t]] = k
    M = csr_matrix((np.frombuffer(data, dtype=float), (np.frombuffer(rows, dtype=np.int64), column[np.frombuffer(cols, dtype=np.int64)])), shape=(len(labels), len(vocab)), dtype=float)
    total = np.asarray(M.sum(axis=0)).ravel()
    alpha = total  # informative prior: the corpus's own counts
    alpha0 = alpha.sum()
    label_arr = np.asarray(labels)
    rng = np.random.default_rng(seed)

    Mt = M.T.tocsr()  # words x units: an outlet's counts are one sparse product

    def z_scores(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return z_of_counts(Mt @ mask.astype(float))

    def z_of_counts(y_i: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        y_j = total - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha))
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        return z, delta, y_i

    def permuted_counts(mask: np.ndarray) -> Iterator[np.ndarray]:
        """The outlet's word counts under each of ``n_perm`` shuffles of ``mask``, a block
        of shuffles per sparse product (one product per shuffle was most of the run at
        10,000 articles); counts are whole numbers, so the sums are exact either way."""
        block = max(1, min(n_perm, PERMUTATION_BLOCK_CELLS // max(len(vocab), 1)))
        for start in range(0, n_perm, block):
            masks = np.stack([rng.permutation(mask) for _ in range(start, min(n_perm, start + block))], axis=1)
            yield from np.ascontiguousarray((Mt @ masks.astype(float)).T)

    def listed(reason: str) -> str:
        return " ".join(sorted((t for t in left_out if verdicts[t] == reason), key=lambda t: (-left_out[t], t)))

    left_out_names, left_out_style = listed("name"), listed("style")
    out = []
    for o in outlets:
        mask = label_arr == o
        z, delta, y_i = z_scores(mask)
        maxima = [float(np.max(np.abs(z_of_counts(y)[0]))) for y in permuted_counts(mask)]
        threshold = float(np.percentile(maxima, 95))
        n_i = y_i.sum()
        n_j = total.sum() - n_i
        units_i = int(mask.sum())
        order = sorted(range(len(vocab)), key=lambda k: (-z[k], vocab[k]))[:top]
        for rank, k in enumerate(order, 1):
            out.append(
                {
                    "outlet": o, "term": vocab[k], "count": int(y_i[k]), "count_rest": int(total[k] - y_i[k]),
                    "total": int(n_i), "total_rest": int(n_j), "n_units": units_i, "n_units_rest": len(labels) - units_i,
                    "rate_per_1k": _r(1000 * y_i[k] / max(n_i, 1)), "rate_rest_per_1k": _r(1000 * (total[k] - y_i[k]) / max(n_j, 1)),
                    "delta": _r(delta[k]), "z": _r(z[k]), "rank": rank, "null_threshold": _r(threshold),
                    "above_null": bool(z[k] > threshold), "prior": _r(alpha[k]), "unit": unit,
                    "left_out_names": left_out_names, "left_out_style": left_out_style,
                }
            )
    return out
