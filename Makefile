# storyline: `make demo` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= storyline.db
# The demo corpus (examples/README.md says what each file exercises; broken/ is broken on purpose).
DEMO_CHART = $(dir $(DB))egypt-israel.png
DEMO_INPUTS := examples/articles examples/wire.jsonl examples/feed.xml examples/broken
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: setup bench-setup demo test lint lock postgres clean

setup: $(STAMP)

# A virtual environment with exactly the versions (and hashes) in requirements.lock. The lock
# holds every transitive dependency, so pip installs it with --no-deps and `pip check` verifies
# it: pip 23's resolver otherwise fetches the newest release for an extra (justext's
# `lxml[html_clean]`) and refuses it in hash mode whenever PyPI has a newer lxml than the lock.
PIP_LOCKED := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The benchmarks' baselines (the `bench` extra: textacy) in the same venv, for
# `$(BIN)/python benchmarks/quotes.py`. requirements-bench.lock is requirements.lock (same versions
# and hashes) plus the extra's packages, so no package that `make setup` installed changes version.
bench-setup: setup $(BENCH_STAMP)

$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(PIP_LOCKED) -r requirements-bench.lock
	$(BIN)/python -m pip check
	touch $(BENCH_STAMP)

demo: setup
	@echo "== ingest examples/ into $(DB) (examples/broken/ is broken on purpose) =="
	@$(BIN)/storyline ingest $(DEMO_INPUTS) --db $(DB) --quiet; code=$$?; \
	  echo "(exit code $$code: 0 = all read, 1 = partial, see docs/cli.md)"; test $$code -le 1
	@$(BIN)/storyline reanalyze --db $(DB)
	@echo; echo "== articles =="; $(BIN)/storyline articles --db $(DB)
	@echo; echo "== corpus =="; $(BIN)/storyline stats --db $(DB)
	@echo; echo "== actors: one identity per person, organisation and country, across articles =="
	@$(BIN)/storyline actors --limit 12 --db $(DB)
	@echo; echo "== one actor: its names, articles and quotations =="
	@$(BIN)/storyline actor "Anwar Sadat" --db $(DB)
	@echo; echo "== who said what: quotations attributed to Sadat, across outlets =="
	@$(BIN)/storyline quotes --speaker Sadat --db $(DB)
	@echo; echo "== the latest article: its entities and its times, dated from its own publication date =="
	@$(BIN)/storyline show "$$($(BIN)/storyline articles --db $(DB) --format json \
	  | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')" --db $(DB)
	@echo; echo "== events done by Egypt or its leaders, one per real-world event, by the day they happened =="
	@$(BIN)/storyline events --actor Egypt --db $(DB)
	@echo; echo "== the relation between Egypt and Israel, month by month (chart: $(DEMO_CHART)) =="
	@$(BIN)/storyline relation Egypt Israel --by month --plot $(DEMO_CHART) --db $(DB)
	@echo; echo "== the timeline of the relationship: events and quotations between Egypt and Israel =="
	@$(BIN)/storyline timeline Egypt --with Israel --db $(DB)

# PostgreSQL for the storage contract tests: installed from Debian when missing and possible.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing PostgreSQL (Debian package) for the storage tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	    || echo "could not install PostgreSQL: its tests will skip"; \
	else echo "PostgreSQL is not installed and cannot be installed here: its tests will skip"; fi

test: setup postgres
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# Re-pin: needs `uv` (pip install uv); review the diff of requirements.lock and requirements-bench.lock.
# The bench lock is constrained by requirements.lock: it may add packages, never move one.
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
	uv pip compile pyproject.toml --extra dev --extra bench -c requirements.lock --generate-hashes \
	  --python-version 3.11 -o requirements-bench.lock

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
