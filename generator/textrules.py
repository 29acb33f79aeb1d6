"""Rules for the text inside records: what may reach a page, and what may not.

Python-Markdown does not sanitise, so Markdown fields are held to plain
Markdown here: no raw HTML, no attribute lists, links only to http(s) URLs.
Invisible characters that can disguise text are refused everywhere.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urlsplit

# Bidi embedding/override/isolate controls, and zero-width characters other
# than ZWNJ/ZWJ (U+200C/D), which Persian, Arabic and Indic scripts need.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")
# attr_list reads `{...}` on one line as attributes, `{ x onclick=... }` too:
# refuse any `{` with a `=` before its `}`, and any `{:`, `{#id}`, `{.class}`.
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{[^}\n]*=")
# The target may hold one level of balanced parentheses, as in
# ``javascript:alert(1)``, so that the message shows the whole of it.
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
# A reference definition counts wherever Python-Markdown finds one: also
# inside a block quote, a list item or an indented (admonition) block, and
# with its target on the next line.
_REFERENCE_LINK = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*\[[^\[\]\n]+\]:[ \t]*(?:\n[ \t>]*)?<?([^\s>]*)>?", re.MULTILINE)
PLACEHOLDER = "TODO"


class Flaw(str):
    """Why a text is refused, and where in it (``at``, a character offset), so
    that a problem inside a long block can point at its own line."""

    at: int

    def __new__(cls, message: str, at: int = 0) -> Flaw:
        flaw = super().__new__(cls, message)
        flaw.at = at
        return flaw


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def check_text(value: str) -> Flaw | None:
    """Why ``value`` is not acceptable anywhere, or None."""
    if match := _INVISIBLE.search(value):
        return Flaw(f"contains the invisible character {_char_name(match.group())} at position {match.start() + 1}; delete it (retype the text around it)", match.start())
    if match := _CONTROL.search(value.replace("\t", " ")):
        return Flaw(f"contains the control character {_char_name(match.group())} at position {match.start() + 1}; delete it", match.start())
    if not unicodedata.is_normalized("NFC", value):
        at = next((n for n, char in enumerate(value) if unicodedata.combining(char)), 0)
        return Flaw("is not in Unicode NFC form (letters and accents stored separately); retype it or normalise it to NFC in your editor", max(at - 1, 0))
    return None


def check_plain(value: str) -> Flaw | None:
    """Why ``value`` is not acceptable as one line of plain text, or None."""
    if problem := check_text(value):
        return problem
    if "\n" in value.strip():
        return Flaw("must be a single line of plain text; remove the line breaks", value.strip().index("\n"))
    if value != value.strip():
        return Flaw("has spaces at the start or end; remove them")
    return None


def check_markdown(value: str) -> Flaw | None:
    """Why ``value`` is not acceptable as plain Markdown, or None."""
    if problem := check_text(value):
        return problem
    if match := _RAW_HTML.search(value):
        snippet = value[match.start() : match.start() + 12].split("\n")[0]
        return Flaw(f"raw HTML ({snippet!r}...) is not allowed; write plain Markdown (**bold**, lists, [text](https://...)), and write a lone '<' as 'less than'", match.start())
    if match := _ATTR_LIST.search(value):
        snippet = value[match.start() : match.start() + 12].split("\n")[0]
        return Flaw(f"attribute lists such as {snippet!r} are not allowed; remove the {{...}} part", match.start())
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(value):
            if url_problem := check_url(match.group(1)):
                return Flaw(f"link {match.group(1)!r} {url_problem}; to link another practice, list its id under `related`", match.start(1))
    return None


def check_url(value: str) -> str | None:
    """Why ``value`` is not an acceptable link target, or None. A browser
    decodes entities in a link first (``java&#9;script:``), so the decoded
    text must pass too."""
    if (decoded := html.unescape(value)) != value and (problem := _check_url(decoded)):
        return f"reads as {decoded!r} once its character references are decoded, which {problem}"
    return _check_url(value)


def _check_url(value: str) -> str | None:
    if match := re.search(r"[\s\x00-\x1f\x7f]", value):
        return f"contains a space or control character at position {match.start() + 1}; write a space as %20"
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError for a port out of range
    except ValueError:
        return "is not a valid URL; copy it again from the browser's address bar"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be a full web address starting with https://"
    if parts.username is not None or parts.password is not None:
        return "must not contain a user name or password (the part before '@'); remove it"
    return None
