# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///hronika.db

.PHONY: install browser demo test test-postgres bench bench-ner bench-scale train-ner clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m compileall -q hronika  # as a wheel's install does: no source compiled at each start
	$(BIN)/python -c 'from hronika.timex.grammar import compile_all; compile_all()'  # the time-expression rules compiled once (kept in __pycache__)
	touch $@

# Headless Chromium and its driver for the browser tests (Debian packages; root installs them).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "chromium and chromium-driver are not installed: the browser tests will be skipped"; fi

demo: install
	$(BIN)/hronika demo --db $(DB)
	@echo
	@echo "Browse the chronicle: $(BIN)/hronika serve --db $(DB)"
	@echo "then open http://127.0.0.1:8000/ (the JSON API and its docs: http://127.0.0.1:8000/docs)"

test: install browser
	$(BIN)/python -m pytest -q

# The store and query suite on SQLite and PostgreSQL (a throw-away server, or HRONIKA_TEST_POSTGRES).
test-postgres: install
	$(BIN)/python -m pytest -q -m postgres

bench: install
	$(BIN)/python -m bench.read_bench
	$(BIN)/python -m bench.sentences_bench
	$(BIN)/python -m bench.timex_bench
	$(BIN)/python -m bench.speech_bench
	$(BIN)/python -m bench.chronicle_bench --articles 3200

bench-ner: install
	$(BIN)/python -m bench.ner_bench

# Ingest throughput of one process, -j 2 and Dask with 1 and 2 local workers -> bench/RESULTS.md "## Scaling".
bench-scale: install
	$(BIN)/python -m bench.scale_bench

train-ner: install
	$(BIN)/hronika train ner --data ../shared/data/slavicner --lang bg
	$(BIN)/python -m pip install --quiet -e '.[natasha]'  # navec's news vectors, for the Russian model
	$(BIN)/python -m hronika.train.vectors --out train-work/vectors-ru
	$(BIN)/hronika train ner --data ../shared/data/slavicner --lang ru --vectors train-work/vectors-ru

clean:
	rm -rf $(VENV) hronika.db *.egg-info .pytest_cache
