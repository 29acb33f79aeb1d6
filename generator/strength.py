"""The support scale: how strongly a source backs a practice, as a graded,
labelled scale (bars and words, never colour alone), and lists ordered
strongest first.

Each source kind of taxonomy.yml has its own ``support`` list, strongest
first: a level is graded on the scale of its kind (the kind of the source the
practice cites). Across kinds, lists put the relatively strongest first (top
of its own scale), then follow the order of the kinds. Nothing here names a
level or a kind, so a new level or kind needs no change here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .model import Practice, SourceKind, Taxonomy, Term
from .richtext import plain_html


@dataclass(frozen=True)
class Level:
    """One level of the scale: ``bars`` of ``of`` filled, 1 is the weakest."""

    term: Term
    bars: int
    of: int

    @property
    def words(self) -> str:
        """What the bars say, for screen readers and print, in the language
        of the pages being rendered."""
        from .countries import LANGUAGE
        from .i18n import N_, translations

        return translations(LANGUAGE.get()).gettext(N_("support %(bars)d of %(of)d")) % {"bars": self.bars, "of": self.of}


def scale(levels: Sequence[Term]) -> dict[str, Level]:
    """Levels by id; the first of the list is the strongest."""
    of = len(levels)
    return {term.id: Level(term, of - n, of) for n, term in enumerate(levels)}


def levels(taxonomy: Taxonomy) -> dict[str, Level]:
    """Every level of every kind by id, each graded on its own kind's scale."""
    return {level_id: level for kind in taxonomy.source_kinds for level_id, level in scale(kind.support).items()}


def kinds_used(taxonomy: Taxonomy, level_ids: Iterable[str]) -> list[SourceKind]:
    """The kinds whose scales a page needs a key for: those of the levels
    shown, in taxonomy order; every kind when no level is shown."""
    shown = set(level_ids)
    used = [kind for kind in taxonomy.source_kinds if any(level.id in shown for level in kind.support)]
    return used or list(taxonomy.source_kinds)


def strongest_first(practices: Iterable[Practice], taxonomy: Taxonomy) -> list[Practice]:
    """Practices by support, strongest first: by the place of the level on its
    own kind's scale, then by the order of the kinds; the given order (the
    source's) within a level. Stable, so the same input gives the same page."""
    graded = levels(taxonomy)
    kind_rank = {level.id: n for n, kind in enumerate(taxonomy.source_kinds) for level in kind.support}

    def key(p: Practice) -> tuple[float, int]:
        level = graded.get(p.support)
        return (-(level.bars / level.of) if level else 1.0, kind_rank.get(p.support, len(kind_rank)))

    return sorted(practices, key=key)


def bars_html(level: Level) -> Markup:
    """The bars alone, hidden from screen readers (the words carry them)."""
    bars = "".join('<span class="kb-bar kb-bar-on"></span>' if n < level.bars else '<span class="kb-bar"></span>' for n in range(level.of))
    return Markup(f'<span class="kb-bars" aria-hidden="true">{bars}</span>')


def badge_html(level: Level) -> Markup:
    """``[bars] Agreed``, with "support 4 of 4" for screen readers and print."""
    return Markup(
        f'<span class="kb-level kb-level-{level.bars}" data-level="{level.bars}" data-of="{level.of}">'
        f"{bars_html(level)}"
        f'<span class="kb-level-name">{plain_html(level.term.name)}</span>'
        f'<span class="kb-level-words"> ({plain_html(level.words)})</span>'
        "</span>"
    )
