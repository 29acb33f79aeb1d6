# Every target sets up .venv with the pinned dependencies when needed.
# Only python3 (3.11 or newer) and make are needed first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DEPS := $(VENV)/.site-deps
TEST_DEPS := $(VENV)/.test-deps
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check serve new new-source schema test bench clean

site: $(SITE_DEPS)  ## build site/ and dist/reducing-reoffending-offline.zip
	$(PY) -m generator --root "$(CURDIR)" build

check: $(SITE_DEPS)  ## validate taxonomy.yml, every source and every record
	@$(PY) -m generator --root "$(CURDIR)" check

serve: $(SITE_DEPS)  ## preview at http://127.0.0.1:8000/ with live reload
	# No .pyc files: generator/ is watched, and writing them would trigger a rebuild.
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m mkdocs serve --livereload --dev-addr 127.0.0.1:8000

new: $(SITE_DEPS)  ## start a record: make new TITLE="Title of the practice" [ID=some-id]
	@$(PY) -m generator --root "$(CURDIR)" new $(if $(TITLE),"$(TITLE)") $(if $(ID),--id "$(ID)")

new-source: $(SITE_DEPS)  ## start a source: make new-source TITLE="Title of the document" [ID=short-id]
	@$(PY) -m generator --root "$(CURDIR)" new-source $(if $(TITLE),"$(TITLE)") $(if $(ID),--id "$(ID)")

schema: $(SITE_DEPS)  ## rewrite schema/*.schema.json after changing taxonomy.yml or sources/ (records are not read)
	$(PY) -m generator --root "$(CURDIR)" schema

test: $(TEST_DEPS)  ## run every test (installs Debian's chromium if missing and allowed)
	./tools/install-test-packages
	$(PY) -m pytest -q -n auto

bench: $(TEST_DEPS)  ## measure build cost from 100 to 10,000 records
	./tools/install-test-packages
	$(PY) -m tools.bench

clean:
	rm -rf site dist build

$(SITE_DEPS): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TEST_DEPS): requirements-test.txt $(SITE_DEPS)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@touch $@
