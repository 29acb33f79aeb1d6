"""Our own strings in each language: gettext catalogues (locales/<lang>/LC_MESSAGES/messages.po,
managed with Babel: `make messages`), country names from pycountry's ISO 3166
translations, dates from Babel's CLDR data.

The .po files are the only committed form: each build compiles them in memory
(babel.messages.mofile), so the output depends on the .po text alone.
"""

from __future__ import annotations

import gettext
import io
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .problems import Problem
from .textrules import check_text

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
# pycountry's folder names where they differ from our language codes.
_PYCOUNTRY_LOCALE = {"zh": "zh_CN"}
# CLDR's long Russian date ends in "г." (year), which a sentence's full stop doubles.
_DATE_FORMAT = {"ru": "d MMMM y"}


def unit_label(source: Any, count: int, lang: str) -> str:
    """How citations abbreviate a source's unit in ``lang``: "para."/"paras." or "p."/"pp."."""
    catalogue = translations(lang)
    if source.unit == "paragraph":
        return catalogue.ngettext("para.", "paras.", count)
    return catalogue.ngettext("p.", "pp.", count)


def cite(source: Any, numbers: list[int], lang: str) -> str:
    """model.Source.cite in ``lang``: ``E/CN.15/2022/CRP.4, paras. 14, 15``."""
    return f"{source.symbol or source.title}, {unit_label(source, len(numbers), lang)} {', '.join(map(str, numbers))}"


def N_(message: str) -> str:
    """Marks a string in Python code for extraction (`make messages`); it is
    translated where it is used, with ``translations(lang).gettext``."""
    return message


def catalogue_file(lang: str, locales: Path | None = None) -> Path:
    """``locales/<lang>/LC_MESSAGES/messages.po`` (default: the checkout's locales/)."""
    return (locales or LOCALES) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _read_catalogue(lang: str, locales: Path | None) -> Catalog | None:
    """``lang``'s catalogue as its .po file has it; None without one."""
    po = catalogue_file(lang, locales)
    if not po.is_file():
        return None
    with open(po, "rb") as handle:
        return read_po(handle, locale=lang)


@cache
def translations(lang: str, locales: Path = LOCALES) -> gettext.NullTranslations:
    """The catalogue of ``lang``, compiled from its .po file; English (and a
    language without a catalogue) gets the strings as written."""
    catalog = None if lang == "en" else _read_catalogue(lang, locales)
    if catalog is None:
        return gettext.NullTranslations()
    # An untranslated plural (a tuple of empty forms) would compile into empty
    # or wrong forms: leave it out, so that the English shows instead.
    for message in list(catalog):
        if message.id and isinstance(message.string, tuple) and not all(message.string):
            del catalog[message.id]
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def catalogue_coverage(lang: str, locales: Path = LOCALES) -> tuple[int, int]:
    """(translated, total) messages of ``lang``'s catalogue; (0, 0) without one."""
    catalog = _read_catalogue(lang, locales)
    if catalog is None:
        return 0, 0
    messages = [m for m in catalog if m.id]
    done = [m for m in messages if not m.fuzzy and m.string and (not isinstance(m.string, tuple) or all(m.string))]
    return len(done), len(messages)


@cache
def country_names(lang: str) -> gettext.NullTranslations:
    """ISO 3166-1 country names in ``lang`` (pycountry's gettext domain)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[_PYCOUNTRY_LOCALE.get(lang, lang), lang], fallback=True
    )


def country_name(code: str, english_name: str, lang: str) -> str:
    """The name of the country ``code`` in ``lang``: pycountry's translation of
    its ISO name, else the English (UN) name."""
    if lang == "en":
        return english_name
    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return english_name
    iso_name = getattr(entry, "common_name", None) or entry.name
    translated = country_names(lang).gettext(entry.name)
    if translated == entry.name and iso_name != entry.name:
        translated = country_names(lang).gettext(iso_name)
    return translated if translated not in (entry.name, iso_name) else english_name


def long_date(iso: str, lang: str) -> str:
    """``2026-01-15`` as the language writes a date (15 janvier 2026); the
    English pages keep the ISO form they have always had."""
    if lang == "en":
        return iso
    return format_date(date.fromisoformat(iso), format=_DATE_FORMAT.get(lang, "long"), locale=Locale.parse(lang))


# What a translation of one of our strings keeps exactly as the English has
# it: the markup. Catalogue text goes into the generated Markdown as it is
# (templates/*.j2), so a translator's tag, link, attribute list ({...}), web
# address or line break would reach every page of the language. HTML tags,
# link targets, bold and code marks, brackets and braces, "://", line breaks.
_MARKUP = re.compile(r"<[^<>]*>|\]\([^)]*\)|\*\*|://|[`<>\[\]{}\n]")
_PLACEHOLDER = re.compile(r"%\(\w+\)[ds]|%%")


def catalogue_problems(lang: str, locales: Path | None = None) -> list[Problem]:
    """Every translation in ``lang``'s catalogue (under ``locales``, default
    the checkout's) that changes the markup or the placeholders of its
    English, or holds an invisible or control character."""
    catalog = _read_catalogue(lang, locales)
    if catalog is None:
        return []
    po = catalogue_file(lang, locales)
    where = po.relative_to(po.parents[3]).as_posix()  # locales/<lang>/LC_MESSAGES/messages.po
    problems = []
    for message in catalog:
        if not message.id:
            continue
        english = str(message.id[-1] if isinstance(message.id, (tuple, list)) else message.id)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for text in (str(t) for t in strings if t):
            if flaw := _translation_flaw(english, text):
                field = "msgstr of " + repr(english if len(english) <= 60 else english[:57] + "...")
                problems.append(Problem(where, message.lineno or 1, field, flaw, "catalogue-markup"))
    return problems


def _translation_flaw(english: str, text: str) -> str | None:
    if flaw := check_text(text):
        return f"the translation {flaw}"
    mine, theirs = sorted(_PLACEHOLDER.findall(text)), sorted(_PLACEHOLDER.findall(english))
    if not set(mine) <= set(theirs):
        return (
            f"the translation has the placeholders {mine}, the English {theirs}; "
            "copy each %(name)s of the English as it is (a plural form may leave the number out)"
        )
    if theirs and "%" in _PLACEHOLDER.sub("", text):
        return "the translation has a lone '%', which the placeholders make a formatting error; write it as '%%'"
    found, expected = sorted(_MARKUP.findall(text)), sorted(_MARKUP.findall(english))
    if found != expected:
        return (
            f"the translation's markup {sorted(set(found))} differs from the English's {sorted(set(expected))}; "
            "translate only the words, and keep every tag, link target, **, `, bracket, brace, "
            "web address and line break as the English has it"
        )
    return None
