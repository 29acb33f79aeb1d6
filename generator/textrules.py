"""Rules for the text inside records: what may reach a page, and what may not.

Python-Markdown does not sanitise, so Markdown fields are held to plain
Markdown here: no raw HTML, no attribute lists, links only to http(s) URLs.
Invisible characters that can disguise text are refused everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Bidi embedding/override/isolate controls, and zero-width characters other
# than ZWNJ/ZWJ (U+200C/D), which Persian, Arabic and Indic scripts need.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RAW_HTML = re.compile(r"<[A-Za-z/!?]")
_ATTR_LIST = re.compile(r"\{\s*[:#.]|\{\s*[A-Za-z_-]+\s*=")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.MULTILINE)
PLACEHOLDER = "TODO"


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def check_text(value: str) -> str | None:
    """Why ``value`` is not acceptable anywhere, or None."""
    if match := _INVISIBLE.search(value):
        return f"contains the invisible character {_char_name(match.group())} at position {match.start() + 1}; delete it (retype the text around it)"
    if match := _CONTROL.search(value.replace("\t", " ")):
        return f"contains the control character {_char_name(match.group())}; delete it"
    if not unicodedata.is_normalized("NFC", value):
        return "is not in Unicode NFC form (letters and accents stored separately); retype it or normalise it to NFC in your editor"
    return None


def check_plain(value: str) -> str | None:
    """Why ``value`` is not acceptable as one line of plain text, or None."""
    if problem := check_text(value):
        return problem
    if "\n" in value.strip():
        return "must be a single line of plain text; remove the line breaks"
    if value != value.strip():
        return "has spaces at the start or end; remove them"
    return None


def check_markdown(value: str) -> str | None:
    """Why ``value`` is not acceptable as plain Markdown, or None."""
    if problem := check_text(value):
        return problem
    if match := _RAW_HTML.search(value):
        snippet = value[match.start() : match.start() + 12].split("\n")[0]
        return f"raw HTML ({snippet!r}...) is not allowed; write plain Markdown (**bold**, lists, [text](https://...)), and write a lone '<' as 'less than'"
    if match := _ATTR_LIST.search(value):
        return f"attribute lists such as {value[match.start():match.start() + 12]!r} are not allowed; remove the {{...}} part"
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer(value):
            if problem := check_url(match.group(1)):
                return f"link {match.group(1)!r} {problem}; to link another practice, list its id under `related`"
    return None


def check_url(value: str) -> str | None:
    """Why ``value`` is not an acceptable link target, or None."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "must be a full web address starting with https://"
    if parts.username or parts.password:
        return "must not contain a user name or password"
    return None
