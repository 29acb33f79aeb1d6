"""Markdown fields to safe HTML: the one way contributor Markdown reaches a page.

Python-Markdown does not sanitise, and MkDocs adds extensions (attribute
lists, abbreviations) that turn text into attributes. So the generator
renders each Markdown field itself, with a few plain extensions, and passes
the HTML through nh3 (the binding to the Rust Ammonia sanitiser) with an
explicit allow-list. The result goes into the generated page as one raw HTML
block, which MkDocs leaves alone. The validator (textrules.py) refuses raw
HTML and odd links first, to tell the contributor; this is the guarantee.
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

# Plain Markdown only: no attr_list, abbr, md_in_html or admonition, which
# turn text into attributes, tooltips or nested raw HTML.
EXTENSIONS = ["tables", "def_list", "fenced_code", "sane_lists"]

# What may survive: text structure, emphasis, lists, tables, quotes, code,
# links. No images (the offline bundle and the policy allow no outside
# requests), no ids (they could clobber the page's own), no class, style or
# title (a title becomes a tooltip), no forms, media or embedding.
TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "del", "sub", "sup",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "a",
})  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"https", "http", "mailto"})
# Removed with their content, not only their tags.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "textarea", "select"})


def _same_site(url: str) -> str | None:
    """A relative URL stays only if it cannot leave the site: no ``//host``
    (scheme-relative), no backslash, which browsers read as a slash."""
    return None if url.lstrip().startswith(("//", "\\", "/\\")) or "\\" in url else url


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},  # "*": no lang or title anywhere
    url_schemes=set(URL_SCHEMES),
    url_relative=_same_site,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitise_html(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return _CLEANER.clean(html)


@lru_cache(maxsize=65536)
def markdown_to_html(text: str) -> Markup:
    """A Markdown field as sanitised HTML, wrapped in one ``<div>`` so that
    MkDocs takes it as a single raw HTML block and leaves it as it is."""
    html = markdown.markdown(text.strip(), extensions=EXTENSIONS, output_format="html")
    clean = sanitise_html(html).strip()
    # No blank line may end the raw block early (code blocks keep theirs
    # as written: a blank line inside <pre> stays inside the block).
    return Markup(f'<div class="kb-text">\n{clean}\n</div>')


# Characters Markdown gives a meaning to, as numeric character references:
# the same text then reads as plain text in raw HTML and in Markdown alike.
_MARKDOWN_INERT = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!|~"}
# HTML escaping as markupsafe.escape does it, and the references above, in one
# table: str.translate runs in C (a loop over the characters in Python was
# about a tenth of the render time at 1,000 records: badges are on every list).
_PLAIN_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", **_MARKDOWN_INERT})


def plain_html(value: object) -> Markup:
    """Plain text for HTML that may land inside Markdown (a table cell, a list
    item) or inside a raw HTML block: escaped, and Markdown-inert either way."""
    return Markup(str(value).translate(_PLAIN_HTML))
