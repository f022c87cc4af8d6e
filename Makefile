PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= keikaku.db
PORT ?= 8001

.PHONY: ingest test status serve bench clean bytecode

$(BIN)/keikaku: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/keikaku

# Our own modules' bytecode, written once: the editable install leaves them without any, and where
# PYTHONDONTWRITEBYTECODE is set (or python -B) every process of an ingest (the command, the fork
# server, each worker) would compile them from source again (make bench: 0.1 s of a cold ingest).
bytecode: $(BIN)/keikaku
	@$(BIN)/python -m compileall -q keikaku pipeline extractors db

ingest: bytecode
	$(BIN)/keikaku ingest raw --db $(DB)

test: bytecode
	$(BIN)/python -m pytest -q

status: bytecode
	$(BIN)/keikaku status --db $(DB)

serve: bytecode
	$(BIN)/keikaku serve --db $(DB) --port $(PORT)

# Speed and memory against bare SudachiPy and pdfplumber; appends the table to BENCHMARKS.md.
# BENCH_DOCS=100 for a quick look (the recorded figures use 1000).
BENCH_DOCS ?= 1000
bench: bytecode
	$(BIN)/python tests/bench.py --docs $(BENCH_DOCS)

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
	find keikaku pipeline extractors db -name __pycache__ -prune -exec rm -rf {} +
