"""One-off study: does the site build with ProperDocs as it does with MkDocs?

    python -m tools.properdocs_check /tmp/properdocs-venv/bin/python [--keep DIR] [--markdown out.md]

Builds the staging docs of the real records (as `make site` writes them) with
MkDocs from .venv and with ProperDocs from ``PYTHON``, a throwaway virtual
environment (BENCHMARKS.md says how to make one), and compares the outputs.
Not part of `make bench`; kept for when the engine question comes back.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}


def properdocs_check(python: str, keep: Path | None) -> str:
    """Build the staging docs of the real records with MkDocs (.venv) and with
    ProperDocs (``python``, a throwaway venv), and compare the outputs."""
    import difflib

    from generator import build as build_module
    from generator import site

    work = Path(tempfile.mkdtemp(prefix="kb-properdocs-", dir=keep))
    stage = work / "stage"
    stage.mkdir()
    build_module.write_stage(ROOT, stage, site.generate(ROOT, site.settings(ROOT)))
    env = {**_env(), "SOURCE_DATE_EPOCH": str(site.source_epoch(ROOT))}
    env.pop("PYTHONPATH")
    lines = [f"Staging folder: {stage} (real records, {len(list((stage / 'docs' / 'practices').glob('*.md'))) - 1} practices)", ""]
    outputs = {}
    for name, exe, module in (("mkdocs", sys.executable, "mkdocs"), ("properdocs", python, "properdocs")):
        target = work / f"site-{name}"
        version = subprocess.run([exe, "-m", module, "--version"], capture_output=True, text=True, env=env).stdout.strip()
        started = time.perf_counter()
        result = subprocess.run([exe, "-m", module, "build", "--strict", "-f", str(stage / "mkdocs.yml"), "-d", str(target)], cwd=stage, env=env, capture_output=True, text=True)
        took = time.perf_counter() - started
        warnings = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR")) or "Aborted" in line]
        lines.append(f"- `{module} build --strict`: {version}; exit {result.returncode} in {took:.1f} s; {len(warnings)} warnings/errors" + "".join(f"\n  - `{w}`" for w in warnings[:10]))
        outputs[name] = target
    a, b = outputs["mkdocs"], outputs["properdocs"]
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    lines += ["", f"- files: MkDocs {len(files_a)}, ProperDocs {len(files_b)}; only in MkDocs: {sorted(files_a - files_b) or 'none'}; only in ProperDocs: {sorted(files_b - files_a) or 'none'}"]
    same = [f for f in sorted(files_a & files_b) if (a / f).read_bytes() == (b / f).read_bytes()]
    differ = sorted(set(files_a & files_b) - set(same))
    lines.append(f"- identical bytes: {len(same)} of {len(files_a & files_b)} common files; differing: {len(differ)}")
    generator_meta = re.compile(rb'^\s*<meta name="generator" content="[^"]*">\n', re.MULTILINE)
    other = [f for f in differ if generator_meta.sub(b"", (a / f).read_bytes()) != generator_meta.sub(b"", (b / f).read_bytes())]
    lines.append(f"- differing once the `<meta name=\"generator\">` line is set aside: {len(other)}" + (f" ({other[:10]})" if other else ""))
    kinds: dict[str, int] = {}
    for f in differ:
        kinds[Path(f).suffix or f] = kinds.get(Path(f).suffix or f, 0) + 1
    if differ:
        lines.append(f"- differing by type: {kinds}")
        shown = [f for f in ("index.html", "practices/index.html", "sources/egm-2022.html") if f in differ] + [f for f in differ if f.startswith("practices/")][:1]
        for f in shown or differ[:3]:
            diff = list(difflib.unified_diff((a / f).read_text(errors="replace").splitlines(), (b / f).read_text(errors="replace").splitlines(), "mkdocs/" + f, "properdocs/" + f, n=0, lineterm=""))
            body = [line for line in diff if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
            lines.append(f"- `{f}`: {len(body)} changed lines" + "".join(f"\n  - `{line[:160]}`" for line in body[:6]))
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.properdocs_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("python", help="interpreter of a virtual environment with properdocs and mkdocs-material")
    parser.add_argument("--keep", type=Path, help="keep the staging folder and both sites under this folder")
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    text = properdocs_check(args.python, args.keep)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
