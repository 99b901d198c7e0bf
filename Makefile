# The series' commands. On a fresh machine `make serve` and `make test` are the whole set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866
HOST ?= localhost
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.DEFAULT_GOAL := help
.PHONY: help serve lab test figures contents notebooks bench clean

help:
	@echo "make serve     serve the series with Voila at http://$(HOST):$(PORT)/ (PORT=..., HOST=...)"
	@echo "make lab       open the series in JupyterLab"
	@echo "make test      run every test: unit, notebooks (nbval), browser (Voila + Chromium), ruff"
	@echo "make figures   regenerate figures/ from lowback.anatomy"
	@echo "make contents  regenerate the navigation, safety box and contents cells of the notebooks"
	@echo "make notebooks regenerate those cells, then run every notebook and store its outputs"

# The runtime environment: the pinned stack plus the lowback package, rebuilt when a pin changes.
$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

serve: $(VENV)/.runtime
	$(BIN)/python -m lowback.serve --Voila.ip=$(HOST) --port=$(PORT)

lab: $(VENV)/.runtime
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg

figures: $(VENV)/.runtime
	$(BIN)/python -m lowback.figures figures

contents: $(VENV)/.runtime
	$(BIN)/python -m lowback.navigation

# Widget state is not stored: it changes on every run and no reader needs it.
notebooks: contents
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=False notebooks/[0-9][0-9]_*.ipynb
	$(BIN)/python -m lowback.navigation

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/artifacts
