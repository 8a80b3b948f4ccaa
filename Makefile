# The two commands a newcomer needs: `make demo` and `make test`. Each sets everything up itself.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.db

.PHONY: demo test lint bench clean browser

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/akhbar ingest demo/seeds demo/saudinewsnet/2015-08-03-sample.zip --db $(DEMO_DB)
	$(BIN)/akhbar stories --db $(DEMO_DB) --limit 15
	@echo
	@echo "The story of the two seed articles (both outlets, one story):"
	$(BIN)/akhbar stories --db $(DEMO_DB) --source outlet-000
	@echo
	@echo "Open http://127.0.0.1:8000 in a browser to read the stories (Ctrl-C stops the server)."
	$(BIN)/akhbar serve --db $(DEMO_DB)

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Headless Chromium and its driver (Debian packages) for the web UI tests; skipped tests say so if missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		echo "installing chromium and chromium-driver for the browser tests"; \
		( $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver ) >/dev/null 2>&1 \
			|| echo "note: could not install chromium; the browser tests will be skipped"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache .mypy_cache
