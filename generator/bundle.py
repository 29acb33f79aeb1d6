"""The offline bundles: reproducible zips of the built site, one with every
language and one per language (that language, with the English it links to)."""

from __future__ import annotations

import html
import re
import time
import zipfile
from pathlib import Path

# zlib level 6: a third less time than level 9 for a zip 0.4 % larger
# (measured on a 1,000-record site: 1.9 s against 2.8 s, 16.7 MB against 16.6 MB).
COMPRESSLEVEL = 6

README = """\
{site_name}: offline copy
{underline}

How to open it
1. Unzip this file (right-click > Extract all, or double-click on a Mac).
2. Open the folder {folder} and double-click index.html.
   It opens in your web browser. No internet connection is needed:
   reading, search, the filters of the practice list and all links work.

If search does not answer, use a recent Chrome, Edge or Firefox.
Built on {date} from the knowledge base's records. Content: CC BY 4.0.
"""


# The Data page's download button points at downloads/<bundle>.zip, which the
# bundle cannot hold (a zip cannot contain itself, and the folder is added to
# the site after zipping): in the bundle, the marked block says where the copy
# came from instead, so no link of the offline copy leads nowhere.
DATA_PAGE = "data/index.html"  # in each language's folder
_OFFLINE_COPY = re.compile(rb"<!-- kb-offline-copy -->.*?<!-- /kb-offline-copy -->", re.S)


def offline_data_page(page: bytes, folder: str, site_url: str | None) -> bytes:
    """The Data page as the offline bundle shows it."""
    text = f"You are reading the offline copy. To pass it on, share the zip file it came from ({folder}.zip) or copy the whole {folder} folder."
    note = f'<p class="kb-download-offline">{html.escape(text)}'
    if site_url:
        online = f"{site_url.rstrip('/')}/downloads/{folder}.zip"
        note += f' The latest copy is at <a href="{html.escape(online)}">{html.escape(online)}</a>.'
    note += "</p>"
    new, count = _OFFLINE_COPY.subn(lambda m: note.encode("utf-8"), page, count=1)
    if count != 1:
        raise ValueError(f"{DATA_PAGE}: the offline-copy block is missing; keep its markers in data.md.j2")
    return new


# Each language's switcher script; in a zip of some languages, it is told which
# ones the zip holds, so that it hides the others (their links would lead nowhere).
SWITCHER = "assets/javascripts/kb-lang.js"
_PRESENT = re.compile(rb"var present = null; // kb-bundle-languages")


def switcher_for(script: bytes, languages: tuple[str, ...]) -> bytes:
    """The switcher script of a zip that holds only ``languages``."""
    present = ", ".join(f'"{lang}"' for lang in languages).encode("ascii")
    new, count = _PRESENT.subn(lambda m: b"var present = [" + present + b"];", script, count=1)
    if count != 1:
        raise ValueError(f"{SWITCHER}: the kb-bundle-languages line is missing; keep it in kb-lang.js")
    return new


def write_bundle(
    site: Path,
    target: Path,
    folder: str,
    site_name: str,
    epoch: int,
    site_url: str | None = None,
    languages: tuple[str, ...] | None = None,
    chooser: bytes | None = None,
) -> None:
    """Zip ``site`` into ``target`` under one top-level ``folder``, with a README:
    every language, or only the folders of ``languages`` with their own root
    page ``chooser`` (and the switcher told which languages there are).

    Entries are sorted and carry one fixed timestamp and fixed permissions, so
    the same site always gives the same bytes.
    """
    stamp = time.gmtime(epoch)[:6]
    readme = README.format(site_name=site_name, underline="=" * (len(site_name) + 15), folder=folder, date=time.strftime("%Y-%m-%d", time.gmtime(epoch)))
    entries: list[tuple[str, bytes | Path]] = [(f"{folder}/README.txt", readme.encode("utf-8"))]
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or (languages is not None and rel.split("/", 1)[0] not in languages and rel != "index.html"):
            continue
        entries.append((f"{folder}/{rel}", chooser if chooser is not None and rel == "index.html" else path))
    with zipfile.ZipFile(target, "w") as archive:
        # One file in memory at a time: a 10,000-record site is over 500 MB.
        for name, source in sorted(entries, key=lambda entry: entry[0]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            data = source if isinstance(source, bytes) else source.read_bytes()
            page = name.split("/", 2)[-1]  # the path within a language's folder
            if name.startswith(f"{folder}/") and page == DATA_PAGE:  # each language's Data page
                data = offline_data_page(data, folder, site_url)
            elif languages is not None and page == SWITCHER:
                data = switcher_for(data, languages)
            archive.writestr(info, data, compresslevel=COMPRESSLEVEL)
