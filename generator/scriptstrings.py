"""The strings our scripts show, in the page's language: the page carries
them (``data-kb-strings``, JSON escaped for a single-quoted attribute by
Jinja's ``tojson``), so the scripts hold no text of their own and the
catalogues (locales/, `make messages`) are the one place to translate.

Placeholders stay as written (``%(num)d``); the script fills them in. A plural
comes as one form per CLDR plural category of the language ("one", "few",
"other", ...), which the script picks with ``Intl.PluralRules``: the same CLDR
rules Babel wrote into each catalogue's Plural-Forms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from babel import Locale

from .i18n import translations

Strings = dict[str, "str | dict[str, str]"]


@cache
def _samples(lang: str) -> tuple[tuple[str, int], ...]:
    """A whole number for each plural category of ``lang`` (the smallest)."""
    rule = Locale.parse(lang).plural_form
    found: dict[str, int] = {}
    for n in (*range(0, 200), 1_000_000):
        found.setdefault(rule(n), n)
    # Russian's "other" is for fractions only: the script's fallback form, as "many".
    found.setdefault("other", found.get("many", 0))
    return tuple(sorted(found.items()))


def _gettext(lang: str) -> tuple[Callable[[str], str], Callable[[str, str], dict[str, str]]]:
    catalogue = translations(lang)

    def plural(singular: str, plural_: str) -> dict[str, str]:
        return {category: catalogue.ngettext(singular, plural_, n) for category, n in _samples(lang)}

    return catalogue.gettext, plural


@cache
def index_strings(lang: str) -> Strings:
    """The practice index script's strings (docs/assets/javascripts/kb-index.js)."""
    _, ngettext = _gettext(lang)
    return {
        "practices": ngettext("%(num)d practice", "%(num)d practices"),
        "matches": ngettext("%(matches)d of %(num)d practice", "%(matches)d of %(num)d practices"),
        "more": _("Show %(next)d more (%(shown)d of %(matches)d shown)"),
        "showFilters": _("Show filters"),
        "hideFilters": _("Hide filters"),
        "selected": ngettext("%(label)s (%(num)d selected)", "%(label)s (%(num)d selected)"),
        "search": _("Search: \u201c%(query)s\u201d"),
        "filter": _("%(facet)s: %(value)s"),
        "removeFilter": _("Remove filter %(filter)s"),
        "clearAll": _("Clear all"),
        "filters": _("Filters:"),
        "noMatchRemoveOne": _("No practice matches all of these filters. Remove one:"),
        "noMatch": _("No practice matches. Clear the filters to see every practice."),
        "wouldShow": ngettext("Remove %(filter)s (would show %(num)d)", "Remove %(filter)s (would show %(num)d)"),
        "heading": _("Practices \u2014 %(filters)s"),
        "separator": _("; "),
        # Labels of the excerpts of a match outside the title and summary
        # (searchtext.py: the data-text-* attributes).
        "description": _("Description"),
        "why-it-matters": _("Why it matters"),
        "considerations": _("Considerations"),
        "source": _("Source"),
    }
