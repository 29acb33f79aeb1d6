"""Synthetic practice records for the benchmark, valid against the real taxonomy.

Deterministic: the same ``n`` and ``seed`` always give the same files. Sizes
follow the issue (title about 8 words, summary about 35, description 150-250
words, why it matters / considerations on some records), and the words vary:
a Zipf-weighted vocabulary of the words of the real records plus a few
thousand seeded pseudo-words, so the search index looks like a real one.

    python -m tools.synth 1000 /tmp/practices   # write 1,000 records
"""

from __future__ import annotations

import random
import re
import sys
import textwrap
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PSEUDO_WORDS = 3000
SUMMARY_MAX = 300  # the schema's limit, in characters
_ONSETS = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "cr", "dr", "fl", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rt", "ng"]


def load_taxonomy(path: Path) -> object:
    """The taxonomy, read and checked with the generator's own reader and model."""
    sys.path.insert(0, str(ROOT))
    from generator.model import Taxonomy
    from generator.yamlread import read_yaml

    loaded, problems = read_yaml(path, path.name, 1024 * 1024)
    if loaded is None or problems:
        raise SystemExit(f"{path} does not read: {problems}")
    return Taxonomy.model_validate(loaded.data)


def load_source(path: Path) -> Any:
    """One source file, read and checked with the generator's own reader and model."""
    sys.path.insert(0, str(ROOT))
    from generator.model import Source
    from generator.yamlread import read_yaml

    loaded, problems = read_yaml(path, path.name, 1024 * 1024)
    if loaded is None or problems:
        raise SystemExit(f"{path} does not read: {problems}")
    return Source.model_validate(loaded.data)


def real_words(folder: Path) -> list[str]:
    """Lower-case words of the text fields of the real records, most frequent
    first (ties by spelling)."""
    import yaml

    counts: dict[str, int] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = " ".join(str(data.get(field) or "") for field in ("title", "summary", "description", "why_it_matters", "considerations"))
        for word in re.findall(r"[a-z]{2,}", text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if w != "todo"]


class Words:
    """A seeded vocabulary drawn with Zipf weights (rank r has weight 1/(r+2))."""

    def __init__(self, rng: random.Random, real: list[str]) -> None:
        pseudo: set[str] = set()
        while len(pseudo) < PSEUDO_WORDS:
            word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.choice((1, 2, 2, 2, 3))))
            if 3 <= len(word) <= 14 and word not in real:
                pseudo.add(word)
        pseudo_list = sorted(pseudo)
        rng.shuffle(pseudo_list)
        # Real words keep their rank (frequent ones stay frequent); pseudo-words
        # interleave, so the tail of the distribution is mostly pseudo-words.
        self.words = real[:200] + [w for pair in zip(real[200:], pseudo_list, strict=False) for w in pair] + pseudo_list[len(real[200:]) :]
        self.cumulative = list(accumulate(1 / (rank + 2) for rank in range(len(self.words))))
        self.rng = rng

    def take(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)

    def sentence(self, low: int = 8, high: int = 22) -> str:
        words = self.take(self.rng.randint(low, high))
        if len(words) > 9 and self.rng.random() < 0.5:
            words[self.rng.randint(3, len(words) - 4)] += ","
        return " ".join(words).capitalize() + "."

    def text(self, n_words: int) -> list[str]:
        """Sentences adding up to about ``n_words`` words."""
        sentences: list[str] = []
        total = 0
        while total < n_words:
            sentence = self.sentence()
            sentences.append(sentence)
            total += len(sentence.split())
        return sentences


def _block(text: str, indent: str = "  ") -> str:
    """A Markdown text as the body of a YAML literal block (paragraphs kept)."""
    lines = []
    for paragraph in text.split("\n\n"):
        lines += [indent + line if line else "" for line in paragraph.split("\n")] + [""]
    return "\n".join(lines[:-1])


def _markdown(words: Words, rng: random.Random, n_words: int) -> str:
    """Paragraphs of about ``n_words`` words, sometimes with a bullet list."""
    sentences = words.text(n_words)
    paragraphs: list[str] = []
    while sentences:
        take = sentences[: rng.randint(2, 5)]
        sentences = sentences[len(take) :]
        paragraphs.append(textwrap.fill(" ".join(take), width=100, break_long_words=False, break_on_hyphens=False))
    if len(paragraphs) > 1 and rng.random() < 0.35:
        items = [" ".join(words.take(rng.randint(3, 9))) + ";" for _ in range(rng.randint(2, 5))]
        items[-1] = items[-1][:-1] + "."
        paragraphs.insert(rng.randint(1, len(paragraphs)), "\n".join(f"- {item}" for item in items))
    return "\n\n".join(paragraphs)


def _summary(words: Words, rng: random.Random) -> str:
    target = rng.randint(28, 42)
    chosen: list[str] = []
    for word in words.take(60):
        if len(chosen) >= target or len(" ".join([*chosen, word])) + 1 > SUMMARY_MAX:
            break
        chosen.append(word)
    return " ".join(chosen).capitalize() + "."


def _pick(rng: random.Random, ids: list[str], weights: list[float], k: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < k:
        value = rng.choices(ids, weights=weights)[0]
        if value not in chosen:
            chosen.append(value)
    return chosen


def records(n: int, taxonomy: object, seed: int = 2022, real: list[str] | None = None) -> dict[str, str]:
    """``n`` record files, by file name."""
    rng = random.Random(f"{seed}:{n}")
    words = Words(rng, real if real is not None else real_words(ROOT / "practices"))
    tax = taxonomy
    themes = [t.id for t in tax.themes]  # type: ignore[attr-defined]
    stages = [s.id for s in tax.stages]  # type: ignore[attr-defined]
    theme_weights = [1 / (r + 3) for r in range(len(themes))]  # some themes are much fuller than others
    stage_weights = [1 / (r + 2) for r in range(len(stages))]
    rng.shuffle(theme_weights)
    rng.shuffle(stage_weights)
    source = load_source(ROOT / "sources" / "egm-2022.yml")
    # Only the levels of the source's kind: another kind's level is refused.
    support = [s.id for kind in tax.source_kinds if kind.id == source.kind for s in kind.support]  # type: ignore[attr-defined]
    standards = [s.id for s in tax.standards]  # type: ignore[attr-defined]
    paragraphs = [p.number for p in source.paragraphs]
    titles = [" ".join(words.take(rng.randint(5, 11))).capitalize() for _ in range(n)]
    ids = []
    for number, title in enumerate(titles, 1):
        stem = "-".join(re.sub(r"[^a-z0-9 ]", "", title.lower()).split()[:4])[:50].strip("-")
        ids.append(f"{stem}-{number:05d}")
    first_day = date(2025, 1, 1)
    files: dict[str, str] = {}
    for k, (pid, title) in enumerate(zip(ids, titles, strict=True)):
        description = _markdown(words, rng, rng.randint(150, 250))
        why = _markdown(words, rng, rng.randint(40, 90)) if rng.random() < 0.3 else None
        considerations = _markdown(words, rng, rng.randint(40, 110)) if rng.random() < 0.25 else None
        record_themes = _pick(rng, themes, theme_weights, rng.choice((1, 1, 2, 2, 2, 3)))
        record_stages = _pick(rng, stages, stage_weights, rng.choice((1, 1, 1, 2)))
        record_standards = [rng.choice(standards)] if standards and rng.random() < 0.3 else []
        cited = sorted(rng.sample(paragraphs, rng.choice((1, 1, 1, 2))))
        related: list[str] = []
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            other = ids[min(n - 1, max(0, k + rng.randint(-40, 40)))] if rng.random() < 0.7 else rng.choice(ids)
            if other != pid and other not in related:
                related.append(other)
        added = first_day + timedelta(days=rng.randint(0, 500))
        lines = [
            "# yaml-language-server: $schema=../schema/practice.schema.json",
            f"id: {pid}",
            f"title: {title}",
            "summary: >-",
            textwrap.indent(textwrap.fill(_summary(words, rng), width=76), "  "),
            "description: |",
            _block(description),
        ]
        if why:
            lines += ["why_it_matters: |", _block(why)]
        if considerations:
            lines += ["considerations: |", _block(considerations)]
        lines += [
            f"themes: [{', '.join(record_themes)}]",
            f"stages: [{', '.join(record_stages)}]",
            "regions: [global]",
        ]
        if record_standards:
            lines.append(f"standards: [{', '.join(record_standards)}]")
        lines += [
            f"support: {rng.choice(support)}",
            "sources:",
            f"  - source: {source.id}",
            f"    paragraphs: [{', '.join(map(str, cited))}]",
        ]
        if related:
            lines.append(f"related: [{', '.join(related)}]")
        lines.append(f'added: "{added.isoformat()}"')
        if rng.random() < 0.5:
            lines.append(f'reviewed: "{(added + timedelta(days=rng.randint(0, 200))).isoformat()}"')
        files[f"{pid}.yml"] = "\n".join(lines) + "\n"
    return files


def write_records(folder: Path, n: int, seed: int = 2022, taxonomy_path: Path = ROOT / "taxonomy.yml") -> list[Path]:
    """Write ``n`` synthetic records into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in records(n, load_taxonomy(taxonomy_path), seed).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m tools.synth N FOLDER")
    print(f"wrote {len(write_records(Path(sys.argv[2]), int(sys.argv[1])))} records into {sys.argv[2]}")
