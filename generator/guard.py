"""The last guard: scan the built HTML for anything script-like that slipped through.

Records are validated already; this catches what a template, a theme update or
a Markdown extension might let through. Only the theme's and our own script
files may run, and content may hold no script, handler or script URL.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset"}
_EMBEDDING = {"iframe", "object", "embed", "frame", "frameset", "base", "meta"}
_SCRIPT_FOLDERS = ("assets/javascripts/", "search/")


class _PageScanner(HTMLParser):
    def __init__(self, page: Path, site: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.site = page, site
        self.depth_in_content = 0
        self.findings: list[str] = []

    def _where(self) -> str:
        return f"{self.page.relative_to(self.site).as_posix()}:{self.getpos()[0]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth_in_content += 1
        in_content = self.depth_in_content > 0
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"{self._where()}: event-handler attribute {name}= on <{tag}>")
            if name in _URL_ATTRIBUTES and value and _SCRIPT_URL.match(value):
                self.findings.append(f"{self._where()}: script or data URL in {name}= on <{tag}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src is None and in_content:
                self.findings.append(f"{self._where()}: inline <script> inside the page content")
            elif src is not None and not self._allowed_script(src):
                self.findings.append(f"{self._where()}: script from {src!r}, which is not a file of the theme or of this site")
        elif in_content and tag in _EMBEDDING:
            self.findings.append(f"{self._where()}: <{tag}> inside the page content")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth_in_content:
            self.depth_in_content -= 1

    def _allowed_script(self, src: str) -> bool:
        if "://" in src or src.startswith("//"):
            return False
        base = self.site if src.startswith("/") else self.page.parent  # 404.html uses site-absolute paths
        target = (base / src.split("?")[0].lstrip("/")).resolve()
        try:
            rel = target.relative_to(self.site.resolve()).as_posix()
        except ValueError:
            return False
        return rel.startswith(_SCRIPT_FOLDERS) and target.is_file()


def scan_site(site: Path) -> list[str]:
    """Every finding in every HTML page of a built site; empty when clean."""
    findings: list[str] = []
    for page in sorted(site.rglob("*.html")):
        scanner = _PageScanner(page, site)
        scanner.feed(page.read_text(encoding="utf-8"))
        scanner.close()
        findings += scanner.findings
    return findings
