"""The guard's own tests: crafted pages, one per class of active content, in
the head and in the body. Fast tier: no build, no browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import richtext
from generator.guard import check_policy, scan_page, scan_site, url_scheme

POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"
ROOT_OVERRIDE = Path(__file__).resolve().parent.parent / "overrides" / "main.html"


def page(head: str = "", body: str = "", policy: str | None = POLICY) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">' if policy is not None else ""
    return f'<!doctype html><html><head><meta charset="utf-8">{meta}<title>t</title>{head}</head><body><div class="md-content"><article class="md-content__inner">{body}</article></div></body></html>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.js").write_text("", encoding="utf-8")
    (tmp_path / "practices").mkdir()
    return tmp_path


def scan(site: Path, html: str) -> list[str]:
    return scan_page(site / "practices" / "p.html", site, html)


CLEAN = [
    ("head", '<script src="../assets/javascripts/bundle.js"></script>'),
    ("head", '<script id="__config" type="application/json">{"base": ".."}</script>'),
    ("body", '<p><a href="https://example.org/a?b=1&amp;c=2">a</a> <a href="../themes/x.html#para-2">b</a> <a href="mailto:a@example.org">c</a></p>'),
    ("body", '<form class="kb-filters" id="kb-filters" hidden><input type="search"></form>'),
    ("head", '<form class="md-search__form" name="search"><input type="text"></form>'),  # the theme's search box, known by its name
    # The theme's colour-scheme toggle, in the header (outside the page content).
    ("head", '<form class="md-header__option" data-md-component="palette"><input class="md-option" type="radio" name="__palette" id="__palette_0"></form>'),
    ("body", '<svg viewBox="0 0 24 24"><path d="M1 1"></path></svg>'),
    ("body", '<p title="just text">x</p><div data-scope="..">y</div>'),
    # A theme file is found whatever query or fragment follows its path, and a
    # site-absolute path (404.html's) from the site's root, whatever the folder.
    ("head", '<script src="../assets/javascripts/bundle.js?v=1"></script>'),
    ("head", '<script src="../assets/javascripts/bundle.js#top"></script>'),
    ("head", '<script src="/assets/javascripts/bundle.js"></script>'),
]

# (where, markup, words the finding must contain)
ACTIVE = [
    ("body", "<script>alert(1)</script>", "inline <script>"),
    ("head", "<script>alert(1)</script>", "inline <script>"),
    ("head", '<script src="https://evil.example/x.js"></script>', "not a file of the theme"),
    ("body", '<script src="//evil.example/x.js"></script>', "not a file of the theme"),
    ("head", '<script src="../../../etc/x.js"></script>', "not a file of the theme"),
    ("head", '<script src="../assets/javascripts/missing.js"></script>', "not a file of the theme"),
    ("body", '<script type="application/json" id="__config">{}</script>', "inline <script> inside the page content"),
    # The theme's configuration block needs both its type and its id.
    ("head", '<script id="__config">alert(1)</script>', "inline <script>"),
    ("head", '<script type="application/json">{}</script>', "inline <script>"),
    ("body", '<img src="x.png" onerror="alert(1)">', "onerror"),
    ("head", '<link rel="icon" href="x.png" onload="alert(1)">', "onload"),
    ("body", '<p/onmouseover="alert(1)">x</p>', "onmouseover"),
    ("body", '<a href="javascript:alert(1)">x</a>', "script or data URL"),
    ("body", '<a href=" JaVaScRiPt:alert(1)">x</a>', "script or data URL"),
    ("body", '<a href="java&#9;script:alert(1)">x</a>', "script or data URL"),
    ("body", '<a href="java&#x0A;script:alert(1)">x</a>', "script or data URL"),
    ("body", '<a href="&#106;avascript&colon;alert(1)">x</a>', "script or data URL"),
    ("body", '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "script or data URL"),
    ("body", '<a href="vbscript:msgbox(1)">x</a>', "script or data URL"),
    ("head", '<link rel="stylesheet" href="javascript:alert(1)">', "script or data URL"),
    ("body", '<form id="kb-filters"><button formaction="javascript:alert(1)">x</button></form>', "formaction"),
    ("body", '<img srcset="ok.png 1x, javascript:alert(1) 2x">', "srcset"),
    ("body", '<img srcset="ok.png 1x,javascript:alert(1) 2x">', "srcset"),  # split at the comma, not at spaces
    ("body", '<video poster="javascript:alert(1)"></video>', "poster"),
    ("body", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "xlink:href"),
    ("body", '<svg><a other:href="javascript:alert(1)"><text>x</text></a></svg>', "other:href"),  # any namespace
    ("body", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>', "SVG animation values"),
    ("body", '<svg><a><animate attributeName="href" values="x;javascript:alert(1)"/><text>x</text></a></svg>', "SVG animation values"),
    ("body", '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>', "SVG animation to"),
    ("body", '<svg><a><animate attributeName="href" from="java&#9;script:alert(1)" to="x"/></a></svg>', "SVG animation from"),
    ("body", '<p style="background:url(javascript:alert(1))">x</p>', "script or data URL in style="),
    ("body", '<p style="background:url( &#39;java\tscript:alert(1)&#39; )">x</p>', "script or data URL in style="),
    ("head", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', "<meta http-equiv> other than the Content-Security-Policy"),
    ("body", '<meta http-equiv="Set-Cookie" content="a=b">', "meta http-equiv"),
    ("head", '<base href="https://evil.example/">', "<base>"),
    ("body", '<iframe src="https://evil.example/"></iframe>', "<iframe>"),
    ("body", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc= is not allowed"),
    ("body", '<object data="x.swf"></object>', "<object>"),
    ("body", '<embed src="x.swf">', "<embed>"),
    ("body", '<form action="https://evil.example/"><input name="q"></form>', "<form>"),
    ("body", '<form id="other"></form>', "<form>"),
    ("body", '<form data-md-component="palette"></form>', "<form>"),  # only outside the content
    ("head", '<form data-md-component="palette" action="https://evil.example/"></form>', "<form>"),
    ("body", "<style>body{background:red}</style>", "<style>"),
    ("body", '<article><meta http-equiv="Content-Security-Policy" content="default-src *"></article>', "Content-Security-Policy outside <head>"),
    ("body", '</article><meta http-equiv="Content-Security-Policy" content="default-src *"><article>', "Content-Security-Policy outside <head>"),
    ("head", '<script src="/assets/javascripts/missing.js"></script>', "not a file of the theme"),
    ("body", '<math><maction actiontype="statusline" href="javascript:alert(1)">x</maction></math>', "script or data URL"),
]


@pytest.mark.parametrize("where, markup", CLEAN)
def test_clean_pages_pass(site: Path, where: str, markup: str) -> None:
    html = page(head=markup) if where == "head" else page(body=markup)
    assert scan(site, html) == []


@pytest.mark.parametrize("where, markup, words", ACTIVE)
def test_active_content_is_reported_with_page_and_element(site: Path, where: str, markup: str, words: str) -> None:
    html = page(head=markup) if where == "head" else page(body=markup)
    findings = scan(site, html)
    assert findings, markup
    assert all(f.startswith("practices/p.html: ") for f in findings)
    # page: what is wrong: <the element's opening tag>
    assert any(words in f.split(": ", 2)[1] for f in findings), findings
    assert any(f.split(": ", 2)[2].startswith("<") and f.endswith(">") for f in findings)  # the element is shown


def test_a_finding_shows_the_opening_tag_only_and_says_where_it_is(site: Path) -> None:
    assert scan(site, page(head="<script>alert(1)</script>")) == ["practices/p.html: inline <script>: <script>"]
    assert scan(site, page(body="<script>alert(1)</script>")) == ["practices/p.html: inline <script> inside the page content: <script>"]
    # A long opening tag is cut at 160 characters.
    finding, = scan(site, page(body=f'<img title="{"x" * 300}" src="x.png" onerror="alert(1)">'))
    assert finding.split(": ", 2)[2] == f'<img title="{"x" * 300}"'[:160]


def test_the_root_page_loads_the_scripts_of_the_english_site(tmp_path: Path) -> None:
    # The language chooser (site/index.html) may load only the English site's theme files.
    (tmp_path / "en" / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "en" / "assets" / "javascripts" / "bundle.js").write_text("", encoding="utf-8")
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "other.js").write_text("", encoding="utf-8")
    root = tmp_path / "index.html"
    assert scan_page(root, tmp_path, page(head='<script src="en/assets/javascripts/bundle.js"></script>'), assets=tmp_path / "en") == []
    findings = scan_page(root, tmp_path, page(head='<script src="assets/javascripts/other.js"></script>'), assets=tmp_path / "en")
    assert [f.split(": ", 2)[1] for f in findings] == ["script from 'assets/javascripts/other.js', which is not a file of the theme or of this site"], findings


def test_the_site_scan_reads_every_page_in_every_folder(site: Path) -> None:
    (site / "index.html").write_text(page(body="<script>alert(1)</script>"), encoding="utf-8")
    (site / "practices" / "p.html").write_text(page(body='<img src="x.png" onerror="alert(1)">'), encoding="utf-8")
    (site / "practices" / "clean.html").write_text(page(), encoding="utf-8")
    (site / "practices" / "notes.txt").write_text("<script>alert(1)</script>", encoding="utf-8")  # not a page
    assert [f.split(": ", 1)[0] for f in scan_site(site)] == ["index.html", "practices/p.html"]


def test_the_site_scan_reads_each_script_address_from_its_own_folder(site: Path) -> None:
    # The same address is a theme file from the root and a missing one from
    # practices/ (the scan remembers each address's answer by folder).
    script = '<script src="assets/javascripts/bundle.js"></script>'
    for name in ("index.html", "practices/a.html", "z.html"):
        (site / name).write_text(page(head=script), encoding="utf-8")
    assert [f.split(": ", 1)[0] for f in scan_site(site)] == ["practices/a.html"]


def test_the_site_scan_looks_up_a_script_once_per_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every page loads the same dozen scripts: a scan of three pages of one
    # folder resolves their paths no more often than a scan of one page.
    resolved: list[Path] = []
    resolve = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, *args, **kwargs: resolved.append(self) or resolve(self, *args, **kwargs))

    def lookups(pages: int) -> int:
        root = tmp_path / str(pages)
        (root / "assets" / "javascripts").mkdir(parents=True)
        (root / "assets" / "javascripts" / "bundle.js").write_text("", encoding="utf-8")
        for n in range(pages):
            (root / f"{n}.html").write_text(page(head='<script src="assets/javascripts/bundle.js"></script>'), encoding="utf-8")
        resolved.clear()
        assert scan_site(root) == []
        return len(resolved)

    assert lookups(3) == lookups(1) > 0


def test_a_page_is_read_from_its_file(site: Path) -> None:
    # As scan_site reads every page of a build: UTF-8, whatever the locale.
    html = page(body='<p>Référence – 参考</p><img src="x.png" onerror="alert(1)">')
    (site / "practices" / "p.html").write_text(html, encoding="utf-8")
    assert scan_page(site / "practices" / "p.html", site) == scan(site, html) != []


@pytest.mark.parametrize(
    "policy, words",
    [
        (None, "0 Content-Security-Policy"),
        ("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; form-action 'none'", "'unsafe-inline'"),
        ("default-src 'self'; script-src 'self'; base-uri 'none'; form-action 'none'", "lacks object-src"),
        ("default-src *; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'", "allows *"),
    ],
)
def test_a_page_without_a_strict_policy_is_reported(site: Path, policy: str | None, words: str) -> None:
    findings = scan(site, page(policy=policy))
    assert any(words in f for f in findings), findings


@pytest.mark.parametrize(
    "policy, problem",
    [
        # A script's hash is allowed in script-src, and only there.
        ("default-src 'self'; script-src 'self' 'sha256-abc='; object-src 'none'; base-uri 'none'; form-action 'none'", None),
        ("default-src 'self' 'sha256-abc='; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'", "allows 'sha256-abc=' in default-src"),
        ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'", "allows 'unsafe-eval' 'unsafe-inline' in script-src"),
    ],
)
def test_the_policy_check_names_what_it_allows(policy: str, problem: str | None) -> None:
    assert check_policy(policy) == problem


def test_two_policies_are_reported(site: Path) -> None:
    extra = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    assert any("2 Content-Security-Policy" in f for f in scan(site, page(head=extra)))


def test_the_policy_of_the_template_passes_the_guard() -> None:
    # The one in overrides/main.html is what every built page carries.
    assert f'"{POLICY}"' in ROOT_OVERRIDE.read_text(encoding="utf-8")
    assert check_policy(POLICY) is None


@pytest.mark.parametrize(
    "url, scheme",
    [("https://a.org", "https"), ("../x.html", None), ("#top", None), (" java\tscript:x", "javascript"), ("\x01javascript:x", "javascript"), ("JAVA\u00a0SCRIPT:x", "javascript"), ("a/b:c", None)],
)
def test_url_scheme_reads_like_a_browser(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


# The sanitiser: what may come out of a Markdown field.
@pytest.mark.parametrize(
    "text, absent",
    [
        ("<script>alert(1)</script>x", "<script"),
        ('<img src="x" onerror="alert(1)">', "<img"),
        ("[a](javascript:alert(1))", "javascript"),
        ("[a](java&#9;script:alert(1))", "script:"),
        ('[a](https://example.org "&lt;img src=x onerror=alert(1)&gt;")', "title="),
        ("[a](//evil.example/x)", "evil.example"),
        ("[a](/\\evil.example/x)", "evil.example"),  # a backslash reads as a slash
        ('<a href=" //evil.example/x">a</a>', "evil.example"),  # a browser drops the space
        ("[a](../x\\..\\evil)", "evil"),
        ("*[HTML]: <img src=x onerror=alert(1)>\n\nHTML", "<abbr"),
        ("Text\n{ onclick=alert(1) }", 'onclick="'),
        ("<svg><animate attributeName=href values=javascript:alert(1) /></svg>", "<svg"),
        ('<a href="https://a.org" id="__config">x</a>', "id="),
        ("<form action=x><button>x</button></form>", "<form"),
        ('<p style="background:url(javascript:alert(1))">x</p>', "style="),
    ],
)
def test_markdown_fields_come_out_sanitised(site: Path, text: str, absent: str) -> None:
    html = str(richtext.markdown_to_html(text))
    assert absent not in html, html
    assert scan(site, page(body=html)) == []


def test_markdown_fields_keep_plain_markdown() -> None:
    html = str(richtext.markdown_to_html("**b** *i* `c`\n\n- one\n- two\n\n[a](https://example.org/x?y=1&z=2) [b](../themes/x.html#para-2)\n\n> quote"))
    for part in ("<strong>b</strong>", "<em>i</em>", "<code>c</code>", "<li>one</li>", 'href="https://example.org/x?y=1&amp;z=2"', 'href="../themes/x.html#para-2"', "<blockquote>"):
        assert part in html, html
    assert html.startswith('<div class="kb-text">') and "\n\n" not in html
