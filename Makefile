# The series' commands. On a fresh machine `make serve` and `make test` are the whole set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8866
HUB_PORT ?= 8000
HOST ?= localhost
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

.DEFAULT_GOAL := help
.PHONY: help serve serve-scaled lab test test-fast figures contents notebooks bench clean hub frontend

help:
	@echo "make serve     serve the series with Voila at http://$(HOST):$(PORT)/ (PORT=, HOST=)"
	@echo "make serve-scaled  the same with WORKERS= Voila processes (one per core) behind nginx"
	@echo "make lab       open the series in JupyterLab"
	@echo "make test      run every test: unit, notebooks (nbval), browser (Voila + Chromium), ruff"
	@echo "make test-fast every test but the browser's and the slow ones, about a minute"
	@echo "make figures   regenerate figures/ and the pictures pages show (lowback/pictures/)"
	@echo "make contents  regenerate the navigation, safety box and contents cells of the notebooks"
	@echo "make notebooks regenerate those cells, then run every notebook and store its outputs"
	@echo "make bench     time pages, memory, 30 visitors, the timer: bench/report.md (BENCH_ARGS=--quick)"
	@echo "make frontend  rebuild the light widget front end and the widgets' modules (npm, esbuild)"
	@echo "make hub       JupyterHub for several readers at http://localhost:$(HUB_PORT)/ (HUB_PORT=...)"

# The runtime environment: the pinned stack plus the lowback package, rebuilt when a pin changes.
$(VENV)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# SERVE_ARGS: more settings for Voila, e.g. SERVE_ARGS=--SeriesKernelManager.max_kernels=20
serve: $(VENV)/.runtime
	$(BIN)/python -m lowback.site.serve --Voila.ip=$(HOST) --port=$(PORT) $(SERVE_ARGS)

# WORKERS Voila processes (one per core by default) behind Debian's nginx on HOST:PORT, each
# kernel's requests sent to the process holding it (deploy/nginx/lowback-scaled.conf);
# SERVER_NAME: the site's names, if not localhost or HOST.
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
serve-scaled: $(VENV)/.runtime
	$(BIN)/python deploy/nginx/serve_scaled.py --workers=$(WORKERS) --host=$(HOST) --port=$(PORT) \
		$(if $(SERVER_NAME),--server-name="$(SERVER_NAME)") $(SERVE_ARGS)

# JupyterLab's Voila gets what Binder's does: a closed tab frees its kernel, idle kernels culled.
lab: $(VENV)/.runtime
	$(BIN)/python -m lowback.site.server_extension binder/jupyter_server_config.json
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

# The light front end's npm packages: a test rebuilds it and compares with the committed files.
# TEST_WORKERS pytest processes (pytest-xdist), each taking whole files so that a file's server
# is started once: the browser tests mostly wait on a clock or a cull timeout, so two share the
# two cores of CI's machine well (docs/design.md, "Tests").
TEST_WORKERS ?= 2
test: $(VENV)/.test lowback/site/frontend/node_modules/.package-lock.json
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg --durations=25 \
		-n $(TEST_WORKERS) --dist loadfile

# The inner loop: every test but the browser's (tests/browser) and the slow ones (marked `slow`:
# they start interpreters, Node or esbuild), about a minute. Where each kind goes: docs/design.md.
test-fast: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests --ignore=tests/browser -m "not slow" -q -x

# JupyterHub for several readers on this machine (deploy/README.md); its proxy comes from npm,
# installed again only when the lock file changes.
deploy/jupyterhub/node_modules/.package-lock.json: deploy/jupyterhub/package.json deploy/jupyterhub/package-lock.json
	npm ci --no-audit --no-fund --prefix deploy/jupyterhub

hub: $(VENV)/.test deploy/jupyterhub/node_modules/.package-lock.json
	LOWBACK_HUB_PORT=$(HUB_PORT) $(BIN)/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

figures: $(VENV)/.runtime
	$(BIN)/python -m lowback.drawing figures lowback/pictures

contents: $(VENV)/.runtime
	$(BIN)/python -m lowback.site.navigation

# Widget state is not stored: it changes on every run and no reader needs it.
notebooks: contents
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=False notebooks/[0-9][0-9]_*.ipynb
	$(BIN)/python -m lowback.site.navigation

# The light widget front end (lowback.site.light_frontend), from npm packages pinned by its lock
# file, built into lowback/site/templates/voila_light/static/, and the widgets' modules
# (lowback/widgets/js/) into lowback/widgets/js/dist/, both kept in the repository, so
# `make serve` and a kernel need no Node. The same inputs give the same bytes.
lowback/site/frontend/node_modules/.package-lock.json: lowback/site/frontend/package.json lowback/site/frontend/package-lock.json
	npm ci --no-audit --no-fund --prefix lowback/site/frontend

# Then the part of nbconvert's lab stylesheet the light pages use (lowback.site.lab_css), which
# depends on the module's classes too.
frontend: lowback/site/frontend/node_modules/.package-lock.json $(VENV)/.runtime
	cd lowback/site/frontend && node build.mjs && node build_widgets.mjs
	$(BIN)/python -m lowback.site.lab_css

# Lighthouse comes from npm, pinned by bench/package-lock.json; npm writes the stamp itself.
bench/node_modules/.package-lock.json: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund

bench: $(VENV)/.test bench/node_modules/.package-lock.json
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/browser/artifacts lowback/site/frontend/node_modules
