"""The last guard: every built page, parsed as a browser parses it, checked
for anything that could run script.

Records are validated and Markdown fields sanitised already; this catches
what a template, a theme update, a Markdown extension or a hand-written page
might let through. It reads the tree of each page (head included) with
selectolax (the Lexbor HTML5 parser), so entities are decoded and tags are
read exactly as a browser reads them, not guessed by patterns:

- scripts only from the theme's and the site's own files; no inline script
  except the theme's JSON configuration block, which does not run;
- no event-handler attribute (``on...``) anywhere;
- no URL-bearing attribute whose scheme, once entities are decoded and
  whitespace and control characters removed, is not http, https or mailto
  (relative URLs are fine); SVG animation values and ``style`` ``url(...)``
  included;
- no ``<base>``, ``<iframe>``, ``<object>``, ``<embed>``, ``<frame>``, no
  ``<meta http-equiv>`` other than the Content-Security-Policy, no form other
  than the known ones, no ``<style>`` in the content;
- every page carries a Content-Security-Policy at least as strict as
  ``default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none';
  form-action 'none'``.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "ping", "manifest", "codebase", "longdesc", "usemap", "icon", "lowsrc", "dynsrc"})
_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})  # comma-separated "URL size" pairs
_ANIMATION_TAGS = frozenset({"animate", "set", "animatemotion", "animatetransform", "animatecolor"})
_ANIMATION_VALUES = frozenset({"values", "to", "from", "by"})  # can write an href
_FORBIDDEN_TAGS = frozenset({"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"})
_SCRIPT_FOLDERS = ("assets/javascripts/", "search/")
# Forms the site itself makes: the theme's search box and the practice
# index's filters. Neither has an action; the policy forbids submitting.
ALLOWED_FORMS = frozenset({"search", "kb-filters"})
ALLOWED_THEME_FORMS = frozenset({"palette"})  # by data-md-component, outside the page content only
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# The directives every page's policy must carry, with the only values allowed.
REQUIRED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'none'"},
}


def url_scheme(value: str) -> str | None:
    """The scheme a browser would read in ``value`` (already entity-decoded),
    lower case, or None for a relative URL."""
    compact = _IGNORED.sub("", value)
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", compact)
    return match.group(1).lower() if match else None


def _bad_url(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is not None and scheme not in ALLOWED_SCHEMES


def check_policy(content: str) -> str | None:
    """Why the Content-Security-Policy ``content`` is too weak, or None."""
    directives: dict[str, set[str]] = {}
    for part in content.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), set(words[1:]))
    for name, allowed in REQUIRED_POLICY.items():
        values = directives.get(name)
        if values is None:
            return f"lacks {name}"
        extra = {v for v in values if v not in allowed and not (name == "script-src" and v.startswith("'sha256-"))}
        if extra:
            return f"allows {' '.join(sorted(extra))} in {name}"
    return None


# Whether a script address is allowed, by the site whose scripts a page may
# load, the page's folder and the address.
ScriptAnswers = dict[tuple[Path, Path, str], bool]


class _Page:
    def __init__(
        self, page: Path, site: Path, assets: Path | None = None, scripts: ScriptAnswers | None = None
    ) -> None:
        self.page, self.site = page, site
        self.assets = assets or site  # the site whose scripts the page may load
        self.name = page.relative_to(site).as_posix()
        self.findings: list[str] = []
        # Shared by the pages of one scan, which load the same dozen scripts
        # (resolving each path on every page was a third of the guard's time).
        self.scripts = {} if scripts is None else scripts

    def report(self, node: LexborNode, what: str) -> None:
        html = (node.html or "").split(">", 1)[0] + ">"
        self.findings.append(f"{self.name}: {what}: {html[:160]}")

    def scan(self, html: str) -> list[str]:
        tree = LexborHTMLParser(html)
        in_content = {node.mem_id for article in tree.css("article") for node in article.traverse(include_text=False)}
        policies = 0
        for node in tree.root.traverse(include_text=False) if tree.root else []:
            tag = (node.tag or "").lower()
            attrs = node.attributes
            content = node.mem_id in in_content
            for name, value in attrs.items():
                self._attribute(node, tag, name.lower(), value or "")
            if tag == "script":
                self._script(node, attrs, content)
            elif tag in _FORBIDDEN_TAGS:
                self.report(node, f"<{tag}> is not allowed")
            elif tag == "meta" and "http-equiv" in attrs:
                if (attrs["http-equiv"] or "").strip().lower() != "content-security-policy":
                    self.report(node, "<meta http-equiv> other than the Content-Security-Policy")
                elif content or node.parent is None or (node.parent.tag or "").lower() != "head":
                    self.report(node, "Content-Security-Policy outside <head>")
                elif problem := check_policy(attrs.get("content") or ""):
                    self.report(node, f"the Content-Security-Policy {problem}")
                else:
                    policies += 1
            elif tag == "form":
                # The theme's colour-scheme toggle (radio buttons, never submitted) sits in the header.
                theme_form = not content and attrs.get("data-md-component") in ALLOWED_THEME_FORMS
                if ((attrs.get("id") or attrs.get("name")) not in ALLOWED_FORMS and not theme_form) or "action" in attrs:
                    self.report(node, "<form> that is not one of the site's own")
            elif tag == "style" and content:
                self.report(node, "<style> inside the page content")
        if policies != 1:
            self.findings.append(f"{self.name}: carries {policies} Content-Security-Policy <meta> tags in <head>, not exactly one")
        return self.findings

    def _attribute(self, node: LexborNode, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.report(node, f"event-handler attribute {name}=")
        elif name in _URL_ATTRIBUTES or name.endswith(":href"):
            if _bad_url(value):
                self.report(node, f"script or data URL in {name}=")
        elif name in _LIST_ATTRIBUTES:
            if any(_bad_url(part.strip()) for part in value.split(",")):
                self.report(node, f"script or data URL in {name}=")
        elif name in _ANIMATION_VALUES and tag in _ANIMATION_TAGS:
            if any(_bad_url(part) for part in value.split(";")):
                self.report(node, f"script or data URL in SVG animation {name}=")
        elif name == "style":
            if any(_bad_url(match.group(2)) for match in _CSS_URL.finditer(_IGNORED.sub("", value))):
                self.report(node, "script or data URL in style=")
        elif name == "srcdoc":
            self.report(node, "srcdoc= is not allowed")

    def _script(self, node: LexborNode, attrs: dict[str, str | None], content: bool) -> None:
        src = attrs.get("src")
        if src is None:
            data_block = (attrs.get("type") or "").strip().lower() == "application/json" and attrs.get("id") == "__config"
            if content or not data_block:
                self.report(node, "inline <script>" + (" inside the page content" if content else ""))
        elif not self._allowed_script(src):
            self.report(node, f"script from {src!r}, which is not a file of the theme or of this site")

    def _allowed_script(self, src: str) -> bool:
        key = (self.assets, self.page.parent, src)
        if key not in self.scripts:
            self.scripts[key] = self._script_file(src)
        return self.scripts[key]

    def _script_file(self, src: str) -> bool:
        """Whether ``src`` is a file of the theme or of this site, read from the page's folder."""
        if url_scheme(src) is not None or _IGNORED.sub("", src).startswith(("//", "\\", "/\\")):
            return False
        base = self.assets if src.startswith("/") else self.page.parent  # 404.html uses site-absolute paths
        target = (base / src.split("?")[0].split("#")[0].lstrip("/")).resolve()
        try:
            rel = target.relative_to(self.assets.resolve()).as_posix()
        except ValueError:
            return False
        return rel.startswith(_SCRIPT_FOLDERS) and target.is_file()


def scan_page(
    page: Path, site: Path, html: str | None = None, assets: Path | None = None, scripts: ScriptAnswers | None = None
) -> list[str]:
    """Every finding in one page of a built site; empty when clean. Its
    scripts must be files of ``assets`` (a site folder; ``site`` by default);
    ``scripts`` keeps the answers for the next pages of the same scan."""
    return _Page(page, site, assets, scripts).scan(page.read_text(encoding="utf-8") if html is None else html)


def scan_site(site: Path) -> list[str]:
    """Every finding in every HTML page of a built site; empty when clean."""
    findings: list[str] = []
    scripts: ScriptAnswers = {}
    for page in sorted(site.rglob("*.html")):
        findings += scan_page(page, site, scripts=scripts)
    return findings
