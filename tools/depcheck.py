"""Imports against declared dependencies (part of `make lint`).

    python -m tools.depcheck

Every module imported by generator/, tools/ and tests/ must be importable and
come from the standard library, from this repository, or from a distribution
that pyproject.toml declares (generator/ only from [project].dependencies,
tools/ and tests/ also from the optional `test` and `dev` groups). Every
declared distribution must be imported somewhere, or be listed in
USED_WITHOUT_IMPORT with the reason.
"""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Distributions that the project uses without importing them.
USED_WITHOUT_IMPORT = {
    "mkdocs-material": "the theme of mkdocs.yml (`theme: name: material`)",
    "jieba": "imported by Material's search plugin, which segments Chinese words with it when it is installed",
    "pytest-xdist": "a pytest plugin (`make test` runs pytest -n auto)",
    "mutmut": "run as a command (`make mutation`)",
    "ruff": "run as a command (`make lint`)",
    "mypy": "run as a command (`make lint`)",
    "types-pyyaml": "type information for mypy",
    "types-markdown": "type information for mypy",
    "pip-tools": "run as a command (`make lock`)",
}
# Modules of this repository that the tests and tools import by their own name.
LOCAL = {"generator", "tools", "kbtest", "conftest", "synth", "fingerprint"}
# ... and any module or package of tests/ (on pytest's pythonpath), e.g. `hostile`.
LOCAL |= {p.stem for p in (ROOT / "tests").glob("*.py")}
LOCAL |= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("*.py"))}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    assert match, spec
    return normalise(match.group(1))


def declared() -> dict[str, set[str]]:
    """Distribution names by group: ``runtime``, and each optional group."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"runtime": {requirement_name(s) for s in project["dependencies"]}}
    for group, specs in project.get("optional-dependencies", {}).items():
        groups[group] = {requirement_name(s) for s in specs}
    return groups


def imports(folder: Path) -> dict[str, list[str]]:
    """Top-level module names imported under ``folder``, each with where."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                found.setdefault(top, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def main() -> int:
    groups = declared()
    providers = importlib.metadata.packages_distributions()
    problems: list[str] = []
    used: set[str] = set()
    for folder, allowed_groups in (("generator", ("runtime",)), ("tools", tuple(groups)), ("tests", tuple(groups))):
        allowed = set().union(*(groups[g] for g in allowed_groups if g in groups))
        for module, places in sorted(imports(ROOT / folder).items()):
            if module in sys.stdlib_module_names or module == "__future__" or module in LOCAL:
                continue
            if importlib.util.find_spec(module) is None:
                problems.append(f"{places[0]}: `{module}` cannot be imported; declare it, run make lock")
                continue
            dists = {normalise(d) for d in providers.get(module, [])}
            used |= dists
            if not dists & allowed:
                source = ", ".join(sorted(dists)) or "no distribution"
                problems.append(f"{places[0]}: `{module}` (from {source}) is not declared for {folder}/ in pyproject")
    for group, names in groups.items():
        for name in sorted(names - used - set(USED_WITHOUT_IMPORT)):
            problems.append(
                f"pyproject.toml: `{name}` ({group}) is declared but never imported; remove it,"
                " or list it in tools/depcheck.py USED_WITHOUT_IMPORT with the reason"
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"OK: imports match the {sum(len(n) for n in groups.values())} declared dependencies.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
