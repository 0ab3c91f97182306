"""English clause words the attribution rules read around a cue: joiners, prepositions,
clause openers, dashes. They are grammar, not event data, and stay the same across
events; being language data, they are due to move into the attribution lexicon.
"""

# Words that join the next clause on ("A said X, and B said Y", "… even as B said Y"): not
# part of X when the content is cut before B.
_CLAUSE_JOINERS = frozenset({"and", "but", "or", "while", "whereas", "yet", "although", "though", "as", "even"})
# After an addressee-taking verb's phrase, these show the phrase was what was said, not to
# whom: "promising lower taxes for farmers", "praised the tenure of Mr. Roe", "praised Roe in
# a video" ("told reporters on Monday …" keeps its addressee).
_OBJECT_PREPOSITIONS = frozenset({"for", "from", "with", "against", "into", "over", "by", "of", "in"})
# Prepositions whose object does not say what follows it ("a statement to the board
# saying"), unlike "from", "by" ("a letter from the senators urging") and "with" ("with
# analysts saying").
_PLACE_PREPOSITIONS = frozenset({"to", "on", "in", "at", "for", "into", "before", "during"})
# Words that open a clause inside a sentence, before its subject.
_CLAUSE_OPENERS = frozenset({"that", "where", "when", "after", "because", "as", "while", "if", "since", "before", "although", "though"})
# Dashes that set off an aside: "… radar - some lobbyists said … - and …".
_DASHES = frozenset({"-", "—", "–", "--"})
# Prepositions that open where or when something was said ("in a statement", "on 38 North",
# "during a visit"), not what ("to fire", "for Armageddon", "about the talks").
_CHANNEL_PREPOSITIONS = frozenset({"in", "on", "at", "during", "via", "through", "with"})
_PARTICIPLE_INTRO = frozenset({"by", "while", "after", "before", "when", "without", "in", "since", "upon", "and", "also", "as", "then"})
_EXTEND_LEFT_STOP = frozenset({"with", "to", "by", "in", "on", "according", "from", "via", "told", "said", "at", "of", "for", "through"})
