"""MkDocs hook for `mkdocs serve`: generated pages are fed in memory.

Nothing is written to disk, so `serve` never watches its own output; editing
a record or taxonomy.yml rebuilds once. A plain `make site` build does not use
this hook (see build.py): it writes the same pages to a staging folder.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path, not as a package
    sys.path.insert(0, str(ROOT))

from generator import site  # noqa: E402
from generator.problems import ProblemsFound  # noqa: E402
from generator.render import problem_pages  # noqa: E402


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        root = Path(config["config_file_path"]).resolve().parent  # the repository being served
        generated = site.generate(root, site.settings(root))
    except ProblemsFound as found:
        # Show the problems in the browser, where the contributor is looking;
        # the next save that fixes them brings the pages back.
        print("\n".join(map(str, found.problems)), file=sys.stderr)
        generated = problem_pages(found.problems)
        # Hand-written pages (docs/) link to generated ones that are now
        # missing; under `strict` those warnings would abort the problem page.
        config.validation.links.not_found = logging.INFO
        config.validation.nav.not_found = logging.INFO
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files
