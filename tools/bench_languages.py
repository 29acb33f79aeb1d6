"""The cost of the six languages: the same repository built English-only and
with all six languages, in interleaved rounds, at today's content and at a
synthetic size; CPU time, wall time, pages, site size and zip sizes, as ratios
to the English-only build (issue 14's target: at most 6.5 times, linear).

Synthetic records have no translations: their translated pages show the
English text with a notice, which costs the build what a translation would.

    python -m tools.bench_languages [--sizes real,1000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from tools.bench import ROOT, make_repo, measure_build

sys.path.insert(0, str(ROOT / "tests"))
from kbtest import copy_repo  # the tests' helpers

SIX = "en,fr,es,ru,ar,zh"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(root: Path, languages: str) -> dict[str, Any]:
    os.environ["KB_LANGUAGES"] = languages  # read by the worker process
    data = measure_build(root)
    zips = sorted((root / "dist").glob("*.zip"))
    return {
        "cpu": data["build_cpu_s"],
        "wall": data["build_s"],
        "pages": data["pages"],
        "site": _size(root / "site") - sum(p.stat().st_size for p in (root / "site" / "downloads").glob("*.zip")),
        "zip_all": (root / "dist" / "reducing-reoffending-offline.zip").stat().st_size,
        "zips": sum(p.stat().st_size for p in zips),
    }


def row(label: str, languages: str, best: dict[str, Any], english: dict[str, Any]) -> str:
    """One line of the table; the six-language build as ratios to English."""

    def ratio(key: str) -> str:
        return "" if languages == "en" else f" (x{best[key] / english[key]:.2f})"

    mb = 1024 * 1024
    return (
        f"| {label} | {'English' if languages == 'en' else 'all six'} | {best['cpu']:.1f}{ratio('cpu')} "
        f"| {best['wall']:.1f}{ratio('wall')} | {best['pages']} | {best['site'] / mb:.1f}{ratio('site')} "
        f"| {best['zip_all'] / mb:.2f}{ratio('zip_all')} | {best['zips'] / mb:.2f}{ratio('zips')} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_languages", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="real,1000", help="'real' (today's records) and/or record counts")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    print("| content | languages | CPU (s) | wall (s) | pages | site (MB) | zip of all (MB) | all zips (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory(prefix="kb-bench-languages-") as tmp:
            base = Path(tmp)
            root = copy_repo(base / "repo") if size == "real" else make_repo(base, int(size), args.seed)
            label = "today's records" if size == "real" else f"{int(size):,} records"
            runs: dict[str, list[dict[str, Any]]] = {"en": [], SIX: []}
            for _ in range(args.rounds):
                for languages in runs:  # interleaved: each round builds both
                    runs[languages].append(build(root, languages))
            english = min(runs["en"], key=lambda r: r["cpu"])
            for languages, results in runs.items():
                print(row(label, languages, min(results, key=lambda r: r["cpu"]), english), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
