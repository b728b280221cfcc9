# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup run test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) -m analysis ingest seeds/ --if-empty
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.headless true

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/statements.py

clean:
	rm -rf $(VENV) data/demarche.sqlite data/demarche.sqlite-*
