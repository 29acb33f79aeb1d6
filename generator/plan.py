"""The Plan section: a self-assessment and action plan kept in the reader's
browser (docs/assets/javascripts/kb-plan.js), never on a server.

One source of truth for the plan file: its statuses, limits and JSON Schema
are here. The schema is published in the site (``data/plan.schema.json``)
and embedded in the plan page, where kb-plan.js validates every imported
file against it; the same schema describes what kb-plan.js exports and keeps
in local storage. The page also carries every string the script shows
(``strings()``), so that the script holds no text of its own.
"""

from __future__ import annotations

from typing import Any

from .exports import FORMULA_STARTS
from .i18n import N_, translations

FORMAT = "reducing-reoffending-plan"
VERSION = 1
SCHEMA_PATH = "data/plan.schema.json"  # docs-relative
SCHEMA_ID = "plan.schema.json"

# Status ids, in the order the page offers them; "" is "not assessed".
STATUSES: dict[str, str] = {
    "in-place": N_("In place"),
    "partly": N_("Partly in place"),
    "not-yet": N_("Not yet"),
    "not-applicable": N_("Not applicable"),
}
NOT_ASSESSED = N_("Not assessed")


def status_names(lang: str = "en") -> list[tuple[str, str]]:
    """(id, name) of each status in ``lang``, "not assessed" ("") last."""
    _ = translations(lang).gettext
    return [*((status, _(name)) for status, name in STATUSES.items()), ("", _(NOT_ASSESSED))]

# Limits of an imported file: a plan of every practice with long notes fits
# well inside them; a hostile file does not get to fill the browser's storage.
MAX_FILE_BYTES = 10_000_000
MAX_PRACTICES = 20_000
MAX_NOTE = 5_000
MAX_OWNER = 200
MAX_TITLE = 500
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
TIME_PATTERN = r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z)?$"


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a plan file. kb-plan.js's validator reads
    only these keywords: type, const, enum, required, properties,
    additionalProperties, propertyNames, maxProperties, pattern, minLength,
    maxLength, minimum, maximum."""

    def text(limit: int, description: str) -> dict[str, Any]:
        return {"type": "string", "maxLength": limit, "description": description}

    entry = {
        "type": "object",
        "description": "What the plan says about one practice.",
        "additionalProperties": False,
        "required": ["status", "priority"],
        "properties": {
            "status": {"type": "string", "enum": ["", *STATUSES], "description": "Empty: not assessed."},
            "priority": {"type": "boolean"},
            "note": text(MAX_NOTE, "Free text, shown as text only."),
            "owner": text(MAX_OWNER, "The responsible body."),
            "target_date": {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD, or empty."},
            "title": text(MAX_TITLE, "The practice's title when assessed: names a practice no longer on the site."),
            "updated": {"type": "string", "pattern": TIME_PATTERN, "description": "Last change (UTC)."},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Reducing Reoffending Knowledge Base: a self-assessment and action plan",
        "description": "Exported by the Plan page of the site; kept in the reader's browser only.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "practices"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "site_build_date": {"type": "string", "pattern": DATE_PATTERN},
            "exported": {"type": "string", "pattern": TIME_PATTERN},
            "language": {"type": "string", "maxLength": 20},
            "practices": {
                "type": "object",
                "maxProperties": MAX_PRACTICES,
                "propertyNames": {"type": "string", "maxLength": 100, "pattern": ID_PATTERN},
                "additionalProperties": entry,
            },
        },
    }


def strings(lang: str = "en") -> dict[str, Any]:
    """Every string kb-plan.js shows, by key; ``%(name)s`` marks a value the
    script fills in."""
    _ = translations(lang).gettext
    return {
        "statuses": {status: _(name) for status, name in STATUSES.items()},
        "notAssessed": _(NOT_ASSESSED),
        "status": _("Status"),
        "priority": _("Priority"),
        "details": _("Note, responsible body, target date"),
        "note": _("Note"),
        "owner": _("Responsible body"),
        "targetDate": _("Target date"),
        "assessed": _("Assessed: %(n)d of %(total)d. Marked as priority: %(priorities)d."),
        "notSaved": _("Could not save in this browser (storage full or disabled): export your plan to keep it."),
        "removedIntro": (
            _("These practices of your plan are no longer on this site. They are kept in your plan and in its exports:")
        ),
        "imported": _("Imported %(file)s (practices: %(n)d)."),
        "merged": _("Merged %(file)s into your plan (added: %(added)d, combined: %(combined)d)."),
        "importUnknown": _("Not on this site: %(n)d; they are kept and listed below."),
        "cleared": _("Your plan is cleared."),
        "refused": _("The file %(file)s was not imported, and your plan is unchanged: %(reason)s"),
        "tooLarge": _("it is %(size)s MB, more than the %(limit)s MB a plan file can be."),
        "notJson": _("it is not a JSON file."),
        "notPlan": _("it is not a plan file of this site."),
        "wrongVersion": _("it is a plan file of version %(found)s; this site reads version %(expected)s."),
        "invalid": _("%(path)s: %(problem)s."),
        "problems": {
            "type": _("should be %(expected)s"),
            "const": _("should be %(expected)s"),
            "enum": _("should be one of %(expected)s"),
            "required": _("%(expected)s is missing"),
            "additional": _("%(expected)s is not expected here"),
            "pattern": _("does not have the expected form"),
            "minLength": _("is too short"),
            "maxLength": _("is longer than %(expected)s characters"),
            "maxProperties": _("has more than %(expected)s entries"),
            "minimum": _("is below %(expected)s"),
            "maximum": _("is above %(expected)s"),
        },
        "types": {
            "object": _("an object"), "string": _("text"), "boolean": _("true or false"),
            "integer": _("a whole number"), "array": _("a list"),
        },
        "csvColumns": [
            "id", "title", "status", "priority", "note", "responsible_body", "target_date",
            "stages", "themes", "support", "citation", "on_site",
        ],
        "yes": _("yes"),
        "no": _("no"),
        "noPriorities": _("No practice is marked as priority yet."),
        "apLeftOut": _("Not yet assessed, so left out: %(n)d."),
        "apEmpty": _("Nothing is assessed yet in this browser: assess practices on the Plan page first."),
    }


def page_data() -> dict[str, Any]:
    """What the plan pages give kb-plan.js besides the strings."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "maxFileBytes": MAX_FILE_BYTES,
        "formulaStarts": list(FORMULA_STARTS),  # exports.csv_cell: the same rule for the plan's CSV
    }
