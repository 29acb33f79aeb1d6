"""The support scale: how strongly a source backs a practice, as a graded,
labelled scale (bars and words, never colour alone), and lists ordered
strongest first.

The order of the levels is the order of taxonomy.yml's ``support`` list,
strongest first; nothing here names a level, so a new level or a scale per
source kind needs no change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import Practice, Term


@dataclass(frozen=True)
class Level:
    """One level of the scale: ``bars`` of ``of`` filled, 1 is the weakest."""

    term: Term
    bars: int
    of: int

    @property
    def words(self) -> str:
        """What the bars say, for screen readers and print."""
        return f"support {self.bars} of {self.of}"


def scale(levels: Sequence[Term]) -> dict[str, Level]:
    """Levels by id; the first of the list is the strongest."""
    of = len(levels)
    return {term.id: Level(term, of - n, of) for n, term in enumerate(levels)}


def strongest_first(practices: Iterable[Practice], levels: Sequence[Term]) -> list[Practice]:
    """Practices by support, strongest first; the given order (the report's)
    within a level. Stable, so the same input gives the same page."""
    rank = {term.id: n for n, term in enumerate(levels)}
    return sorted(practices, key=lambda p: rank.get(p.support, len(rank)))


def bars_html(level: Level) -> Markup:
    """The bars alone, hidden from screen readers (the words carry them)."""
    bars = "".join('<span class="kb-bar kb-bar-on"></span>' if n < level.bars else '<span class="kb-bar"></span>' for n in range(level.of))
    return Markup(f'<span class="kb-bars" aria-hidden="true">{bars}</span>')


def badge_html(level: Level) -> Markup:
    """``[bars] Agreed``, with "support 4 of 4" for screen readers and print."""
    return Markup(
        f'<span class="kb-level kb-level-{level.bars}" data-level="{level.bars}" data-of="{level.of}">'
        f"{bars_html(level)}"
        f'<span class="kb-level-name">{escape(level.term.name)}</span>'
        f'<span class="kb-level-words"> ({escape(level.words)})</span>'
        "</span>"
    )
