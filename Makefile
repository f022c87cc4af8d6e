PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= keikaku.db
PORT ?= 8001

.PHONY: ingest test status serve bench clean

$(BIN)/keikaku: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/keikaku

ingest: $(BIN)/keikaku
	$(BIN)/keikaku ingest raw --db $(DB)

test: $(BIN)/keikaku
	$(BIN)/python -m pytest -q

status: $(BIN)/keikaku
	$(BIN)/keikaku status --db $(DB)

serve: $(BIN)/keikaku
	$(BIN)/keikaku serve --db $(DB) --port $(PORT)

# Speed and memory against bare SudachiPy and pdfplumber; appends the table to BENCHMARKS.md.
# BENCH_DOCS=100 for a quick look (the recorded figures use 1000).
BENCH_DOCS ?= 1000
bench: $(BIN)/keikaku
	$(BIN)/python tests/bench.py --docs $(BENCH_DOCS)

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
