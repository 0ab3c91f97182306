"""A media-literacy lesson from an analysis: a blinded, printable student handout, a separate
answer key, a teacher guide and a pre/post test.

The handout carries what the questions need: the blinded articles with numbered paragraphs
(in full at ``level="full"``; at ``level="short"``, one article per outlet trimmed to its
lead paragraph and the paragraphs the four questions need, numbered as in the full
article). Every question is computed from what the handout shows, and every answer in the
key cites paragraphs and quotes their exact (blinded) words, so a class can check it.

Blinding removes each outlet's name, its bylines, its self-references ("told the Harbour Gazette",
"PHOTO: REUTERS", "Reuters reported") and its URL and domain, by exact names and patterns.
A word of an outlet's name that is an ordinary word of the story ("Port", "Daily",
"lakeside") goes only as part of the full name or of a self-reference pattern.

The pre/post test items come from data: two small invented article pairs under
``framing/data/classroom/pre`` and ``framing/data/classroom/post``, analysed when the lesson is
rendered, with their questions computed the same way.
"""

from .blinding import REDACTED, Redactor, blind, make_redactor, redactor
from .pages import render, write_classroom
from .questions import Lesson, Question, lesson, questions

__all__ = ["REDACTED", "Lesson", "Question", "Redactor", "blind", "lesson", "make_redactor", "questions", "redactor", "render", "write_classroom"]
