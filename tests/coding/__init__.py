"""Tests of the hand check (framing.coding)."""


def sample_of(seed_result, seed_lexicons, what, n=12):
    """A sample of the seeds as the coding tests use it (seed 3, the lexicons' names)."""
    from framing.coding.draw import draw_sample

    names = {a.id: a.name for a in seed_lexicons.actors}
    topics = {t.id: t.label for t in seed_lexicons.topics}
    return draw_sample(seed_result.analyses, what, n, seed=3, corpus="seeds", names=names, topics=topics)
