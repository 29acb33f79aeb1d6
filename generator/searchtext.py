"""The text of a record that the practice index's text box searches, beyond
the title and summary shown in the list (and the names of its tags, which the
script reads from the filter options of the page).

Every free-text field of the record model is included, found by its type, so
a new Markdown or plain-text field is searched without touching this module.
The titles and symbols of the sources it cites come last. The
text goes into ``data-text-FIELD`` attributes of the index items, escaped for
the attribute by the template; Markdown markup is dropped here, since the
script shows it as plain text (``textContent``) in excerpts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import get_args

from .model import Markdown, PlainText, Practice, Source

# Shown in the list already: read from the item's own elements.
_SHOWN = ("title", "summary")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) -> text
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6}|>+|[-*+]|\d+[.)])[ \t]+", re.MULTILINE)  # line starts
# Emphasis and code markers, escapes; an underscore inside a word stays.
_MARKUP = re.compile(r"\\(?=[^\sA-Za-z0-9])|[*`~|]+|(?<!\w)_+|_+(?!\w)")
_SPACE = re.compile(r"\s+")


@cache
def text_fields() -> tuple[str, ...]:
    """Names of the record's free-text fields (Markdown or plain text), in
    model order, except the ones the list shows."""
    text_types = (Markdown, PlainText)
    rules = [get_args(t)[-1] for t in text_types]  # the validator that makes each type
    names = []
    for name, info in Practice.model_fields.items():
        # `Markdown` keeps its alias inside `Markdown | None`; a plain
        # `Markdown` field is unpacked by pydantic into str + its validators.
        typed = any(arg in text_types for arg in get_args(info.annotation))
        if name not in _SHOWN and (typed or any(rule in info.metadata for rule in rules)):
            names.append(name)
    return tuple(names)


def plain(text: str) -> str:
    """Markdown as one line of plain text (markup dropped, whitespace collapsed)."""
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _HEADING.sub("", text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def search_text(practice: Practice, sources: Mapping[str, Source]) -> list[tuple[str, str]]:
    """(attribute suffix, plain text) of each non-empty text field of
    ``practice``, then the sources it cites: title and symbol, not the
    publisher (UNODC's name would make "drug" match every record)."""
    out = []
    for name in text_fields():
        value = getattr(practice, name)
        if value:
            out.append((name.replace("_", "-"), plain(value)))
    cited = (sources[ref] for ref in dict.fromkeys(r.source for r in practice.sources) if ref in sources)
    out.append(("source", "; ".join(", ".join(filter(None, (s.title, s.symbol))) for s in cited)))
    return [(name, text) for name, text in out if text]
