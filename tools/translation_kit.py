"""Translation kit (interim, issue 14): write skeletons and check translations.

    python -m tools.translation_kit skeleton fr   # writes missing files under translations/fr/
    python -m tools.translation_kit check fr      # structure of every translation against the English

A translation holds only the translated text fields, mirroring the English
file, plus `translated_from`: a fingerprint of the English text it translates.
When the English text changes, the fingerprint no longer matches and the page
says the translation is behind. The skeleton fills every text field with the
English text, for the translator to replace.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"ar": "Arabic", "zh": "Chinese", "fr": "French", "ru": "Russian", "es": "Spanish"}
PRACTICE_FIELDS = ("title", "summary", "description", "why_it_matters", "considerations")
TERM_FIELDS = ("name", "official_name", "definition")
SOURCE_FIELDS = ("title", "licence", "context")
PARAGRAPH_FIELDS = ("section", "summary")
VOCABULARIES = ("themes", "stages", "regions", "source_kinds", "standards")


def fingerprint(entry: dict[str, Any], fields: tuple[str, ...]) -> str:
    """The first 12 hex digits of SHA-256 over the English text fields, as canonical JSON."""
    text = {f: entry[f] for f in fields if entry.get(f) is not None}
    data = json.dumps(text, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _texts(entry: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {"translated_from": fingerprint(entry, fields), **{f: entry[f] for f in fields if entry.get(f) is not None}}


def practice_skeleton(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], **_texts(record, PRACTICE_FIELDS)}


def taxonomy_skeleton(taxonomy: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for vocabulary in VOCABULARIES:
        entries = []
        for term in taxonomy.get(vocabulary, []):
            entry = {"id": term["id"], **_texts(term, TERM_FIELDS)}
            if "support" in term:
                entry["support"] = [{"id": lv["id"], **_texts(lv, TERM_FIELDS)} for lv in term["support"]]
            entries.append(entry)
        out[vocabulary] = entries
    return out


def source_skeleton(source: dict[str, Any]) -> dict[str, Any]:
    paragraphs = [{"number": p["number"], **_texts(p, PARAGRAPH_FIELDS)} for p in source.get("paragraphs", [])]
    return {"id": source["id"], **_texts(source, SOURCE_FIELDS), "paragraphs": paragraphs}


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: dict[str, Any], header: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def english() -> dict[str, dict[str, Any]]:
    """Every skeleton, keyed by its path under translations/<lang>/."""
    out: dict[str, dict[str, Any]] = {"taxonomy.yml": taxonomy_skeleton(_load(ROOT / "taxonomy.yml"))}
    for path in sorted((ROOT / "sources").glob("*.yml")):
        out[f"sources/{path.name}"] = source_skeleton(_load(path))
    for path in sorted((ROOT / "practices").glob("*.yml")):
        out[f"practices/{path.name}"] = practice_skeleton(_load(path))
    return out


def skeleton(lang: str) -> None:
    for rel, data in english().items():
        target = ROOT / "translations" / lang / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        header = f"# Unofficial {LANGUAGES[lang]} translation of {rel}. Translate the text; keep ids, numbers and translated_from.\n"
        target.write_text(dump(data, header), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s", re.M)
_LATIN_WORD = re.compile(r"\b(?:the|and|of|that|should|which|with)\b")


def _shape(text: str) -> tuple[int, int]:
    """Markdown shape: list items and paragraphs, which a translation keeps."""
    return len(_LIST_ITEM.findall(text)), len([b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()])


def _compare(eng: Any, tr: Any, where: str, problems: list[str]) -> None:
    if isinstance(eng, dict):
        if not isinstance(tr, dict):
            problems.append(f"{where}: expected a mapping")
            return
        for key in eng.keys() - tr.keys():
            problems.append(f"{where}: `{key}` is missing")
        for key in tr.keys() - eng.keys():
            problems.append(f"{where}: `{key}` is not in the English")
        for key in eng.keys() & tr.keys():
            _compare(eng[key], tr[key], f"{where}.{key}", problems)
    elif isinstance(eng, list):
        if not isinstance(tr, list) or len(tr) != len(eng):
            problems.append(f"{where}: expected {len(eng)} entries in the English order")
            return
        for i, (e, t) in enumerate(zip(eng, tr)):
            _compare(e, t, f"{where}[{i}]", problems)
    elif where.endswith((".id", ".translated_from", ".number")):
        if eng != tr:
            problems.append(f"{where}: must stay {eng!r}, found {tr!r}")
    elif isinstance(eng, str):
        if not isinstance(tr, str) or not tr.strip():
            problems.append(f"{where}: empty")
        elif _shape(eng) != _shape(tr):
            problems.append(f"{where}: list items/paragraphs {_shape(tr)} differ from the English {_shape(eng)}")
        elif tr == eng and len(eng) > 20:
            problems.append(f"{where}: still the English text")
        elif len(_LATIN_WORD.findall(tr)) >= 3:
            problems.append(f"{where}: looks like English words remain")


def check(lang: str) -> int:
    problems: list[str] = []
    done = 0
    for rel, data in english().items():
        target = ROOT / "translations" / lang / rel
        if not target.exists():
            problems.append(f"{rel}: not translated yet")
            continue
        try:
            tr = _load(target)
        except (yaml.YAMLError, AssertionError) as err:
            problems.append(f"{rel}: not valid YAML: {err}")
            continue
        before = len(problems)
        _compare(data, tr, rel, problems)
        done += len(problems) == before
    print("\n".join(problems))
    print(f"{lang}: {done} of {len(english())} files pass")
    return 1 if problems else 0


if __name__ == "__main__":
    command, lang = sys.argv[1], sys.argv[2]
    if lang not in LANGUAGES:
        sys.exit(f"language must be one of {', '.join(LANGUAGES)}")
    if command == "skeleton":
        skeleton(lang)
    else:
        sys.exit(check(lang))
