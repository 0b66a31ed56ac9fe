# crimeplan: two commands on a fresh machine, `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/src

.PHONY: install install-spark system-deps demo test test-fast bench lint clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The optional Spark engine (PySpark + the Java 17 on the machine), for `make test`.
SPARK_STAMP := $(VENV)/.spark-installed
$(SPARK_STAMP): requirements-spark.txt $(STAMP)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-spark.txt
	touch $(SPARK_STAMP)

install-spark: $(SPARK_STAMP)

# Debian packages for PDF checks and browser tests; a no-op where they are present.
system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(BIN)/python -m crimeplan demo --serve

test: install install-spark system-deps
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python -m benchmarks

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/python scripts/gen_docs.py --check

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache var
