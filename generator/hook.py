"""MkDocs hook for `mkdocs serve`: generated pages are fed in memory.

Nothing is written to disk, so `serve` never watches its own output; editing
a record or taxonomy.yml rebuilds once. A plain `make site` build does not use
this hook (see build.py): it writes the same pages to a staging folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path, not as a package
    sys.path.insert(0, str(ROOT))

from generator import site  # noqa: E402
from generator.problems import ProblemsFound  # noqa: E402


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        generated = site.generate(ROOT, site.settings(ROOT))
    except ProblemsFound as found:
        # Serve keeps the last good build on screen until the records are fixed.
        raise PluginError("\n".join(map(str, found.problems))) from None
    for path, content in generated.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files
