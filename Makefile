PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= keikaku.db
PORT ?= 8001

.PHONY: ingest test status serve clean

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

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
