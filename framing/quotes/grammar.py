"""Punctuation the attribution rules read around a cue. The English clause words that used
to live here (joiners, prepositions, clause openers) are the attribution lexicon's
``[grammar]`` data now (``AttributionRules.clause_joiners`` and the rest)."""

# Dashes that set off an aside: "… radar - some lobbyists said … - and …".
_DASHES = frozenset({"-", "—", "–", "―", "--"})
