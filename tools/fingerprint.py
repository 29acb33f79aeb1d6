"""Write the 8-word fingerprint of a source text.

The knowledge base must never copy a run of 8 or more consecutive words from
its source report (official names excepted), but the report itself is not kept
in the repository. This script turns the report into a list of hashes, one per
8-word run, which the content tests compare records against (see
tests/test_content.py). Longer copied runs show up as overlapping 8-word runs.

Usage (from the repository root):

    python tools/fingerprint.py ../shared/seeds/000_a018372620a1379e.txt \
        > tests/data/egm-2022-fingerprint.txt

Words are lower-cased runs of [a-z0-9] after accents are stripped, HTML tags
removed and apostrophes dropped (so "offender's" and "offender’s" both become
"offenders"). Each run of RUN_LENGTH words is joined with single spaces and
hashed with SHA-256; the first 16 hex characters are kept.
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path

RUN_LENGTH = 8

_TAG = re.compile(r"<[^>]*>")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u0060\u00b4]")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Split text into normalised words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _TAG.sub(" ", text)
    text = _APOSTROPHES.sub("", text)
    return _WORD.findall(text.lower())


def run_hash(run: list[str] | tuple[str, ...]) -> str:
    """Hash one run of words."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def runs(tokens: list[str], n: int = RUN_LENGTH) -> list[tuple[str, ...]]:
    """Every run of n consecutive words."""
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def fingerprint(text: str, n: int = RUN_LENGTH) -> list[str]:
    """Sorted unique hashes of every n-word run of text."""
    return sorted({run_hash(r) for r in runs(words(text), n)})


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} REPORT.txt > FINGERPRINT.txt", file=sys.stderr)
        return 2
    text = Path(argv[1]).read_text(encoding="utf-8")
    out = sys.stdout
    out.write(
        f"# SHA-256 (first 16 hex) of every {RUN_LENGTH}-word run of E/CN.15/2022/CRP.4;"
        " regenerate: python tools/fingerprint.py"
        " ../shared/seeds/000_a018372620a1379e.txt > tests/data/egm-2022-fingerprint.txt\n"
    )
    for h in fingerprint(text):
        out.write(h + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
