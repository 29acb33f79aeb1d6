# Every target sets up .venv with the pinned dependencies when needed.
# Only python3 (3.11 or newer) and make are needed first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DEPS := $(VENV)/.site-deps
TEST_DEPS := $(VENV)/.test-deps
DEV_DEPS := $(VENV)/.dev-deps
export NO_MKDOCS_2_WARNING := 1
# The engine that turns the Markdown into HTML: mkdocs (default), properdocs or
# zensical (ENGINES.md). The others live in their own .venv-<engine>.
ENGINE ?= mkdocs
ALL_ENGINES := mkdocs properdocs zensical
# The engines `make test-engines` and `make bench` use (CI runs one per job: ENGINES=zensical).
ENGINES ?= $(ALL_ENGINES)
$(if $(filter $(ENGINE),$(ALL_ENGINES)),,$(error ENGINE must be one of: $(ALL_ENGINES)))
ENGINE_DEPS := $(if $(filter mkdocs,$(ENGINE)),,.venv-$(ENGINE)/.deps)

.PHONY: site check translation messages serve new new-source schema lint test test-fast test-engines mutation bench lock clean

site: $(SITE_DEPS) $(ENGINE_DEPS)  ## build site/ and dist/reducing-reoffending-offline.zip [ENGINE=...]
	$(PY) -m generator --root "$(CURDIR)" build --engine $(ENGINE)

check: $(SITE_DEPS)  ## validate taxonomy.yml, every source, every record and every translation
	@$(PY) -m generator --root "$(CURDIR)" check

translation: $(SITE_DEPS)  ## write the missing translation files of a language: make translation LANG=fr
	@$(PY) -m generator --root "$(CURDIR)" translation $(LANG)

# Our own strings: extract them from generator/ (babel.cfg) and merge them into
# each language's catalogue; translators edit locales/<lang>/LC_MESSAGES/messages.po.
MESSAGE_LANGUAGES := fr es ru ar zh
messages: $(SITE_DEPS)  ## extract our strings and update locales/<lang>/LC_MESSAGES/messages.po
	@mkdir -p build
	$(VENV)/bin/pybabel -q extract --mapping-file babel.cfg --keywords N_ --add-location=file --sort-output --project "Reducing Reoffending Knowledge Base" -o build/messages.pot generator
	@set -e; for lang in $(MESSAGE_LANGUAGES); do \
	  if [ -f locales/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i build/messages.pot -d locales -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel -q init -i build/messages.pot -d locales -l $$lang; \
	  fi; \
	done

serve: $(SITE_DEPS) $(ENGINE_DEPS)  ## preview at http://127.0.0.1:8000/ with live reload [ENGINE=...]
	# No .pyc files: generator/ is watched, and writing them would trigger a rebuild.
ifeq ($(ENGINE),mkdocs)
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000
else ifeq ($(ENGINE),properdocs)
	PYTHONDONTWRITEBYTECODE=1 .venv-properdocs/bin/python -m properdocs serve -f mkdocs.yml --dev-addr 127.0.0.1:8000
else
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m generator serve --engine $(ENGINE) --dev-addr 127.0.0.1:8000
endif

new: $(SITE_DEPS)  ## start a record: make new TITLE="Title of the practice" [ID=some-id]
	@$(PY) -m generator --root "$(CURDIR)" new $(if $(TITLE),"$(TITLE)") $(if $(ID),--id "$(ID)")

new-source: $(SITE_DEPS)  ## start a source: make new-source TITLE="Title of the document" [ID=short-id]
	@$(PY) -m generator --root "$(CURDIR)" new-source $(if $(TITLE),"$(TITLE)") $(if $(ID),--id "$(ID)")

schema: $(SITE_DEPS)  ## rewrite schema/*.schema.json after changing taxonomy.yml or sources/ (records are not read)
	$(PY) -m generator --root "$(CURDIR)" schema

lint: $(DEV_DEPS)  ## ruff and mypy --strict (scope in pyproject.toml), and imports against declared dependencies
	$(PY) -m ruff check generator tools tests
	$(PY) -m mypy
	$(PY) -m tools.depcheck

test: $(TEST_DEPS)  ## run every test (installs Debian's chromium if missing and allowed)
	./tools/install-test-packages
	$(PY) -m pytest -q -n auto --maxschedchunk 1

# The browser tests against a build from each engine (not part of `make test`).
test-engines: $(TEST_DEPS) $(foreach e,$(filter-out mkdocs,$(ENGINES)),.venv-$(e)/.deps)  ## build and browser tests on every engine [ENGINES=...]
	./tools/install-test-packages
	set -e; for engine in $(ENGINES); do \
	  echo "== browser tests on $$engine"; \
	  KB_ENGINE=$$engine $(PY) -m pytest -q -n auto --maxschedchunk 1 tests/test_build.py tests/test_engines.py tests/test_serve.py tests/browser; \
	done

test-fast: $(TEST_DEPS)  ## the tests that need no build and no browser (well under 30 s)
	$(PY) -m pytest -q -n auto -m "not build and not browser"

mutation: $(DEV_DEPS)  ## mutation testing of the checks, the guard, the sanitiser and the exports against the fast tier (slow; not in CI)
	$(PY) -m mutmut run
	$(PY) -m mutmut results

bench: $(TEST_DEPS) $(foreach e,$(filter-out mkdocs,$(ALL_ENGINES)),.venv-$(e)/.deps)  ## measure build cost from 100 to 10,000 records, then per engine
	./tools/install-test-packages
	$(PY) -m tools.bench
	$(PY) -m tools.bench_engines
	$(PY) -m tools.bench_languages

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

# Each other engine in its own environment, from a file that pins its whole
# tree (--no-deps: for ProperDocs, Material's `mkdocs` requirement stays out).
.venv-%/.deps: requirements-%.txt
	@test -x .venv-$*/bin/python || $(PYTHON) -m venv .venv-$*
	.venv-$*/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-$*.txt
	@touch $@

$(TEST_DEPS): requirements-test.txt $(SITE_DEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@

$(DEV_DEPS): requirements-dev.txt $(TEST_DEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@
