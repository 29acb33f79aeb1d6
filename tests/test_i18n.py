"""Our strings' catalogues (locales/<lang>/LC_MESSAGES/messages.po) and the
strings the scripts get from them (generator/scriptstrings.py): fast checks,
no build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from generator import scriptstrings, searchtext
from generator.i18n import LOCALES, translations
from generator.translations import TRANSLATED

PLACEHOLDER = re.compile(r"%\(\w+\)[ds]")
LINK_TARGET = re.compile(r"\]\(([^)]*)\)")


def catalogue(lang: str):  # type: ignore[no-untyped-def]
    with open(LOCALES / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def shape(text: str) -> tuple[list[str], list[str], int]:
    """What a translation must keep: placeholders, link targets, bold spans."""
    return sorted(PLACEHOLDER.findall(text)), sorted(LINK_TARGET.findall(text)), text.count("**")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_placeholders_links_and_bold(lang: str) -> None:
    wrong = []
    for message in catalogue(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            # A plural form may leave out the number ("une pratique"), never add or change one.
            expected = shape(ids[-1])
            got = shape(text)
            if text and (got[1:] != expected[1:] or not set(got[0]) <= set(expected[0])):
                wrong.append(f"{ids[0]!r}: {text!r}")
    assert wrong == [], f"{lang}: translations that change a placeholder, link target or bold span"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plural_forms_cover_every_cldr_category(lang: str) -> None:
    """The script picks a form with Intl.PluralRules (CLDR): each category the
    language has must get a sample number, and so a form."""
    categories = {category for category, _ in scriptstrings._samples(lang)}
    assert categories == set(Locale.parse(lang).plural_form.tags) | {"other"}


def test_every_searched_field_has_an_excerpt_label() -> None:
    strings = scriptstrings.index_strings("en")
    fields = [name.replace("_", "-") for name in searchtext.text_fields()] + ["source"]
    assert [field for field in fields if field not in strings] == []


def test_untranslated_plural_falls_back_to_the_english(tmp_path: Path) -> None:
    po = tmp_path / "ar" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"\n\n'
        'msgid "para."\nmsgid_plural "paras."\n' + "".join(f'msgstr[{i}] ""\n' for i in range(6)),
        encoding="utf-8",
    )
    untranslated = translations("ar", tmp_path)
    forms = untranslated.ngettext("para.", "paras.", 1), untranslated.ngettext("para.", "paras.", 3)
    assert forms == ("para.", "paras.")
