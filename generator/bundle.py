"""The offline bundles: reproducible zips of the built site, one with every
language and one per language (that language, with the English it links to)."""

from __future__ import annotations

import html
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Bundle:
    """One zip: every language (``languages`` None), or only the folders of
    ``languages`` with their own root page ``chooser``."""

    target: Path
    folder: str
    languages: tuple[str, ...] | None = None
    chooser: bytes | None = None

    def holds(self, rel: str) -> bool:
        return self.languages is None or rel in ("README.txt", "index.html") or rel.split("/", 1)[0] in self.languages


def write_bundles(site: Path, bundles: list[Bundle], site_name: str, epoch: int, site_url: str | None = None) -> None:
    """Zip ``site`` into each bundle's ``target`` under its own top-level
    ``folder``, with a README; a zip of some languages gets its own root page
    and a switcher told which languages it holds.

    All zips are written in one pass over the site, one file in memory at a
    time (a 10,000-record site is over 500 MB), and a file that several zips
    hold with the same bytes is compressed once. Entries are sorted and carry
    one fixed timestamp and fixed permissions, so the same site always gives
    the same bytes.
    """
    stamp = time.gmtime(epoch)[:6]
    date = time.strftime("%Y-%m-%d", time.gmtime(epoch))
    rels = sorted(
        ["README.txt", *(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())]
    )
    archives = [zipfile.ZipFile(bundle.target, "w") for bundle in bundles]
    try:
        for rel in rels:
            original = None if rel == "README.txt" else (site / rel).read_bytes()
            compressed: dict[bytes, tuple[int, bytes]] = {}  # the same bytes, compressed once
            for bundle, archive in zip(bundles, archives, strict=True):
                if not bundle.holds(rel):
                    continue
                data = _content(bundle, rel, original, site_name, date, site_url)
                if data not in compressed:
                    deflate = zlib.compressobj(COMPRESSLEVEL, zlib.DEFLATED, -15)  # what zipfile writes
                    compressed[data] = (zlib.crc32(data), deflate.compress(data) + deflate.flush())
                crc, body = compressed[data]
                _add_compressed(archive, f"{bundle.folder}/{rel}", stamp, len(data), crc, body)
    finally:
        for archive in archives:
            archive.close()


def _content(bundle: Bundle, rel: str, original: bytes | None, site_name: str, date: str, site_url: str | None) -> bytes:
    """What one zip holds at ``rel``: the site's file, or the zip's own version of it."""
    if original is None:  # README.txt
        underline = "=" * (len(site_name) + 15)
        return README.format(site_name=site_name, underline=underline, folder=bundle.folder, date=date).encode("utf-8")
    page = rel.split("/", 1)[-1]  # the path within a language's folder
    if rel == "index.html" and bundle.chooser is not None:
        return bundle.chooser
    if page == DATA_PAGE and "/" in rel:  # each language's Data page
        return offline_data_page(original, bundle.folder, site_url)
    if bundle.languages is not None and page == SWITCHER:
        return switcher_for(original, bundle.languages)
    return original


def _add_compressed(archive: zipfile.ZipFile, name: str, stamp: tuple[int, ...], size: int, crc: int, body: bytes) -> None:
    """Append an entry whose data is already deflated: the bytes
    ``ZipFile.writestr`` would write (local header, data; the central directory
    on close), without compressing again. zipfile has no public call for this."""
    assert archive.fp is not None
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever machine builds it
    info.CRC, info.file_size, info.compress_size = crc, size, len(body)
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader())
    archive.fp.write(body)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[name] = info
    setattr(archive, "_didModify", True)  # noqa: B010 - so that close() writes the central directory
