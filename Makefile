# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///hronika.db

.PHONY: install demo test bench bench-ner train-ner clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

demo: install
	$(BIN)/hronika demo --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python -m bench.read_bench
	$(BIN)/python -m bench.sentences_bench
	$(BIN)/python -m bench.timex_bench

bench-ner: install
	$(BIN)/python -m bench.ner_bench

train-ner: install
	$(BIN)/hronika train ner --data ../shared/data/slavicner --lang bg
	$(BIN)/hronika train ner --data ../shared/data/slavicner --lang ru

clean:
	rm -rf $(VENV) hronika.db *.egg-info .pytest_cache
