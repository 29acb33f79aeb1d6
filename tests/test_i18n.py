"""Our strings' catalogues (locales/<lang>/LC_MESSAGES/messages.po) and the
strings the scripts get from them (generator/scriptstrings.py): fast checks,
no build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from generator import i18n, scriptstrings, searchtext
from generator.i18n import catalogue_problems, translations
from generator.problems import ProblemsFound
from generator.translations import TRANSLATED, load_translations
from generator.validate import load_catalogue
from hostile.payloads import PAYLOADS
from kbtest import FIXTURES

@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalogue_keeps_the_markup_and_placeholders_of_the_english(lang: str) -> None:
    assert [str(problem) for problem in catalogue_problems(lang)] == []


def write_catalogue(locales: Path, lang: str, messages: list[tuple[str, str]]) -> Path:
    """A catalogue of ``messages`` (English, translation), as a translator's pull request would bring it."""
    catalog = Catalog(locale=lang)
    for english, text in messages:
        catalog.add(english, text, flags=("python-format",) if "%(" in english else ())
    po = locales / lang / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with open(po, "wb") as handle:
        write_po(handle, catalog)
    return po


HTML_MESSAGE = '<strong>Key to the support levels</strong>, strongest first (<a href="%(url)s">what they mean</a>):'
LINK_MESSAGE = "**[By theme](themes/index.md)**: %(count)d themes, from family contact to electronic monitoring."


@pytest.mark.parametrize(
    ("english", "text", "says"),
    [
        ("Home", "Accueil <img src=x>", "markup"),
        ("Home", "[Accueil](https://example.org/)", "markup"),
        ("Home", "Accueil{ onclick=x }", "markup"),
        ("Home", "Accueil https://example.org", "markup"),
        ("Home", "Accueil\n# Titre", "markup"),
        ("Home", "Accueil\u202e", "invisible character"),
        (LINK_MESSAGE, "**[Par thème](javascript:alert(1))** : %(count)d thèmes.", "markup"),
        (LINK_MESSAGE, "**[Par thème](themes/index.md)** : %(total)d thèmes.", "placeholders"),
        (LINK_MESSAGE, "**[Par thème](themes/index.md)** : %(count)d thèmes, 100 %.", "lone '%'"),
        (HTML_MESSAGE, '<strong>Légende</strong> (<a href="%(url)s" onclick="x">le sens</a>) :', "markup"),
    ],
)
def test_a_changed_markup_is_refused_with_its_line(tmp_path: Path, english: str, text: str, says: str) -> None:
    po = write_catalogue(tmp_path / "locales", "fr", [("Data", "Données"), (english, text)])
    problems = catalogue_problems("fr", tmp_path / "locales")
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == "locales/fr/LC_MESSAGES/messages.po" and says in problem.message
    assert po.read_text(encoding="utf-8").splitlines()[problem.line - 1].startswith("msgid"), problem.line
    assert problem.field.startswith("msgstr of ")


def test_hostile_payloads_as_translations_are_refused_or_plain_text(tmp_path: Path) -> None:
    """Each payload of the hostile corpus as the translation of a plain string,
    of a string with a link and of one with HTML: refused, or without a
    character that Markdown or HTML would read as markup."""
    messages = [(english, payload) for payload in PAYLOADS for english in ("Home", LINK_MESSAGE, HTML_MESSAGE)]
    refused = set()
    for n, (english, payload) in enumerate(messages):
        write_catalogue(tmp_path / str(n), "fr", [(english, payload)])
        if catalogue_problems("fr", tmp_path / str(n)):
            refused.add((english, payload))
    accepted = [payload for english, payload in messages if (english, payload) not in refused]
    assert len(refused) > len(PAYLOADS)
    assert [payload for payload in accepted if re.search(r"[<>\[\]{}`\n]|://", payload)] == []


def test_the_build_and_check_report_a_bad_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_catalogue(tmp_path / "locales", "fr", [("Home", "<script>alert(1)</script>")])
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    catalogue = load_catalogue(FIXTURES / "valid")
    with pytest.raises(ProblemsFound) as found:
        load_translations(FIXTURES / "valid", catalogue, ("en", "fr"))
    assert [p.kind for p in found.value.problems] == ["catalogue-markup"]


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
