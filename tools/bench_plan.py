"""Benchmark of the Plan page: time from a status change to the updated summary.

    python -m tools.bench_plan                    # the real records, then 5,000 synthetic ones
    python -m tools.bench_plan --sizes 0          # the real records only (0: the repository's own)
    python -m tools.bench_plan --site site        # an already built site

`make bench` measures the same at its browser size (tools/bench.py calls
measure_plan). In headless Chromium the page's own status radios are clicked,
cycling through the statuses of the shown practices: the click runs
kb-plan.js's change handler (new entry, the counts and chart segments of the
practice's stages and themes, the progress line) synchronously; reading a
segment's size afterwards adds the style and layout it causes. The save into
local storage follows in a later task (kb-plan.js: CHANGE_SAVE_DELAY); it is
timed apart, through window.kbPlan.flush(). Measured with an empty plan and with every practice
assessed (the save then writes the whole plan). Wall times in the page
(performance.now()); the machine may be shared, so medians are the figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from kbtest import copy_repo, launch_chromium, serve_site  # noqa: E402 - the tests' helpers

TARGET_MS = 16.0
ROUNDS = 60

# Click `rounds` status radios of the shown practices, each to a status it
# does not have; per click [handler ms, handler + style and layout ms].
_CLICKS_JS = """
(rounds) => {
  const statuses = ["in-place", "partly", "not-yet", "not-applicable", ""];
  const shown = Array.from(document.querySelectorAll('#kb-results > li.kb-item:not([hidden]) .kb-plan-controls'));
  const segment = document.querySelector('.kb-plan-summary .kb-seg');
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const box = shown[r % shown.length];
    const status = statuses[(Math.floor(r / shown.length) + 1) % statuses.length];
    const radio = box.querySelector(`input[data-kb-field=status][value="${status}"]`);
    const t0 = performance.now();
    radio.click();
    const t1 = performance.now();
    segment.getBoundingClientRect();
    document.body.offsetHeight;
    const t2 = performance.now();
    window.kbPlan.flush(); // the save that follows the change (kb-plan.js: CHANGE_SAVE_DELAY)
    out.push([t1 - t0, t2 - t0, performance.now() - t2]);
  }
  return out;
}
"""

# Every practice assessed, through the page's import (one save).
_FILL_JS = """
() => {
  const practices = {};
  for (const li of document.querySelectorAll('#kb-results > li.kb-item')) {
    practices[li.id.slice(2)] = {
      status: "not-yet", priority: true, owner: "A ministry",
      note: "A note of about a hundred characters, as a group might write it during a workshop session.",
    };
  }
  const file = JSON.stringify({format: "reducing-reoffending-plan", version: 1, practices});
  const ok = window.kbPlan.importText(file, "bench.json", "replace");
  return [ok, Object.keys(practices).length, localStorage.getItem(window.kbPlan.storageKey()).length];
}
"""


def _summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "worst": max(times), "runs": len(times)}


def measure_plan(site: Path) -> dict[str, Any]:
    """Status change -> summary on the plan page of a built site, over HTTP."""
    from playwright.sync_api import sync_playwright

    with serve_site(site) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(300_000)  # a large page on a shared machine
        # The practice index first, as a reference: the same list without the plan.
        started = time.perf_counter()
        page.goto(base + "practices/index.html", wait_until="load")
        index_loaded = time.perf_counter() - started
        started = time.perf_counter()
        page.goto(base + "plan/index.html", wait_until="load")
        ready = "() => window.kbPlan && window.kbPlan.storageKey() && window.kbIndex && window.kbIndex.total() > 0"
        page.wait_for_function(ready)
        loaded = time.perf_counter() - started
        items = page.evaluate("() => window.kbIndex.total()")
        result: dict[str, Any] = {"items": items, "chromium": browser.version}
        result.update(load_s=loaded, index_load_s=index_loaded)
        page.evaluate(_CLICKS_JS, 10)  # warm up the JIT
        for key, fill in (("empty", False), ("full", True)):
            if fill:
                ok, n, stored = page.evaluate(_FILL_JS)
                assert ok, "the bench's plan was refused"
                result["stored_chars"] = stored
            runs = page.evaluate(_CLICKS_JS, ROUNDS)
            result[key] = _summary([a for a, b, c in runs])
            result[key + "_layout"] = _summary([b for a, b, c in runs])
            result[key + "_save"] = _summary([c for a, b, c in runs])
        browser.close()
    return result


def rows(r: dict[str, Any]) -> list[str]:
    """Lines of the browser table of BENCHMARKS.md."""
    out = []
    if "load_s" in r:
        before = f"the practice index just before: {r['index_load_s']:.2f} s"
        out.append(f"| plan page load over HTTP ({r['items']:,} items; {before}) | {r['load_s']:.2f} s | | 1 |")
    for key, label in (
        ("empty", "plan: status change to updated summary, empty plan (change handler)"),
        ("empty_layout", "plan: the same + style and layout"),
        ("full", "plan: status change, every practice assessed (change handler)"),
        ("full_layout", "plan: the same + style and layout"),
        ("empty_save", "plan: the save after a change (next task), one practice assessed"),
        ("full_save", "plan: the save after a change (next task), every practice assessed"),
    ):
        if key in r:
            out.append(f"| {label} | {r[key]['median']:.1f} ms | {r[key]['worst']:.1f} ms | {r[key]['runs']} |")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_plan", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0,5000", help="0: the real records; N: N synthetic ones")
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--keep", action="store_true", help="keep the built repositories (their paths are printed)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.site:
        print(json.dumps(measure_plan(args.site)))
        return 0
    from tools.bench import make_repo, measure_build

    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        base = Path(tempfile.mkdtemp(prefix=f"kb-bench-plan-{n}-"))
        try:
            root = make_repo(base, n, args.seed) if n else copy_repo(base / "repo")
            measure_build(root)
            r = measure_plan(root / "site")
            print(f"{r['items']:,} practices: " + json.dumps(r), flush=True)
            print("\n".join(rows(r)), flush=True)
            m = r["full_layout"]["median"]
            verdict = "met" if m <= TARGET_MS else "missed"
            print(f"target {TARGET_MS:.0f} ms median (all assessed, style and layout included): {m:.1f} ms, {verdict}")
        finally:
            if args.keep:
                print(f"kept: {base}")
            else:
                shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
