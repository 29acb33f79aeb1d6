"""Plain text that lands in HTML which Markdown may still read (a support
level's badge in a table cell, a list item or a raw HTML block)."""

from __future__ import annotations

import markdown
import pytest

from generator.richtext import plain_html

PAYLOADS = [
    "[x](java&#x09;script:window.__pwned=1)",
    "![x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "**bold** _em_ `code` ~~del~~ | cell | #heading",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_plain_text_stays_text_in_markdown_and_in_raw_html(text: str) -> None:
    html = str(plain_html(text))
    assert "<" not in html and ">" not in html
    for source in (f"| a |\n|---|\n| {html} |\n", f"- {html}\n", f"<div>\n{html}\n</div>\n"):
        out = markdown.markdown(source, extensions=["tables"])
        assert not [tag for tag in ("<a", "<img", "<strong", "<code", "<em", "<h") if tag in out], out


def test_plain_text_reads_as_the_same_characters() -> None:
    import html as std

    assert std.unescape(str(plain_html('A "b" & [c] (d) *e*'))) == 'A "b" & [c] (d) *e*'


def test_plain_text_escapes_every_character_as_markupsafe_does() -> None:
    """plain_html runs as one str.translate (it was a Python loop over the
    characters, about a tenth of the render time): the same output as escaping
    each character with markupsafe, Markdown's characters as references."""
    from markupsafe import escape

    text = "".join(map(chr, range(0x250))) + "\u200c\u202e\U0001f600 ok"
    inert = "\\`*_{}[]()#+!|~"
    expected = "".join(f"&#{ord(c)};" if c in inert else str(escape(c)) for c in text)
    assert str(plain_html(text)) == expected
