# Every target sets up .venv with the pinned dependencies when needed.
# Only python3 (3.11 or newer) and make are needed first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DEPS := $(VENV)/.site-deps
TEST_DEPS := $(VENV)/.test-deps
DEV_DEPS := $(VENV)/.dev-deps
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check serve new schema lint test test-fast mutation bench lock clean

site: $(SITE_DEPS)  ## build site/ and dist/reducing-reoffending-offline.zip
	$(PY) -m generator build

check: $(SITE_DEPS)  ## validate taxonomy.yml and every record
	@$(PY) -m generator check

serve: $(SITE_DEPS)  ## preview at http://127.0.0.1:8000/ with live reload
	# No .pyc files: generator/ is watched, and writing them would trigger a rebuild.
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000

new: $(SITE_DEPS)  ## start a record: make new TITLE="Title of the practice" [ID=some-id]
	@$(PY) -m generator new $(if $(TITLE),"$(TITLE)") $(if $(ID),--id "$(ID)")

schema: $(SITE_DEPS)  ## rewrite schema/practice.schema.json after changing taxonomy.yml
	$(PY) -m generator schema

lint: $(DEV_DEPS)  ## ruff and mypy --strict (scope in pyproject.toml), and imports against declared dependencies
	$(PY) -m ruff check generator tools tests
	$(PY) -m mypy
	$(PY) -m tools.depcheck

test: $(TEST_DEPS)  ## run every test (installs Debian's chromium if missing and allowed)
	./tools/install-test-packages
	$(PY) -m pytest -q -n auto

test-fast: $(TEST_DEPS)  ## the tests that need no build and no browser (well under 30 s)
	$(PY) -m pytest -q -n auto -m "not build and not browser"

mutation: $(DEV_DEPS)  ## mutation testing of the checks against the fast tier (slow; not in CI)
	$(PY) -m mutmut run
	$(PY) -m mutmut results

bench: $(TEST_DEPS)  ## measure build cost from 100 to 10,000 records
	./tools/install-test-packages
	$(PY) -m tools.bench

# The lock files pin the whole tree; each one constrains the next, so a
# version is the same in all three. Run after changing pyproject.toml.
LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(DEV_DEPS)  ## re-pin requirements*.txt from pyproject.toml with pip-compile
	$(LOCK) -o requirements.txt pyproject.toml
	$(LOCK) --extra test -c requirements.txt -o requirements-test.txt pyproject.toml
	$(LOCK) --extra test --extra dev -c requirements-test.txt -o requirements-dev.txt pyproject.toml

clean:
	rm -rf site dist build

$(SITE_DEPS): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TEST_DEPS): requirements-test.txt $(SITE_DEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

$(DEV_DEPS): requirements-dev.txt $(TEST_DEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@
