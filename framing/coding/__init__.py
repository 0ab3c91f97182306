"""Check and correct what framing found: draw a sample for hand-coding (``sample``), write it
for the tools coders use (an offline HTML coding page, Label Studio tasks, brat standoff),
read the coded sheets back into one form (``sheets``), score framing and the coders against
each other (``score``), and apply a coder's corrections to a run (``corrections``).

The sample file and the coded sheet are plain JSON with the offsets of the article text,
so every format round-trips through them (``items`` documents both).
"""
