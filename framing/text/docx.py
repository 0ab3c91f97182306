"""A Word document (.docx) read as an article: its paragraphs in order, one a line group,
read from the document's own XML (word/document.xml in the Office Open XML package,
ECMA-376) with the standard library: no converter, no network. Headers, footers, comments
and tracked deletions are not part of the body and are left out; a table's cells are read
as paragraphs.

``read_docx(data, name)`` gives the text (paragraphs separated by blank lines) and the
document's title when its properties (docProps/core.xml) give one.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from ..errors import CorpusError

__all__ = ["DOCX_SUFFIXES", "read_docx"]

DOCX_SUFFIXES = (".docx",)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
#: The XML of one document may be this large, unpacked (a zip bomb is refused).
MAX_XML_BYTES = 50 * 1024 * 1024


def _deleted_texts(root: ElementTree.Element) -> set[int]:
    return {id(t) for d in root.iter(f"{_W}del") for t in d.iter()}


def read_docx(data: bytes, name: str) -> tuple[str, str]:
    """(text, title) of a .docx file's bytes; a file that is no Word document, or has no
    text, is a ``CorpusError`` naming it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise CorpusError(f"{name}: the document's text is too large ({info.file_size:,} bytes unpacked)")
            root = ElementTree.fromstring(package.read(info))
            title = ""
            if "docProps/core.xml" in package.namelist():
                core = ElementTree.fromstring(package.read("docProps/core.xml"))
                node = core.find(f"{_DC}title")
                title = " ".join((node.text or "").split()) if node is not None else ""
    except (zipfile.BadZipFile, KeyError):
        raise CorpusError(f"{name}: not a Word document (.docx)") from None
    except ElementTree.ParseError:
        raise CorpusError(f"{name}: the Word document's XML is broken") from None
    deleted = _deleted_texts(root)
    body = root.find(f"{_W}body")
    paragraphs = []
    for p in (body.iter(f"{_W}p") if body is not None else ()):
        text = " ".join("".join(
            (t.text or "") if t.tag == f"{_W}t" else " "
            for t in p.iter() if id(t) not in deleted and t.tag in (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
        ).split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        raise CorpusError(f"{name}: the Word document has no text")
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n", title or paragraphs[0]
