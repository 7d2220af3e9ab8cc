# NetAtlas: `make run` opens the app, `make test` runs the whole suite headless.
# Both set the project up on first use (scripts/setup.sh: Debian libraries for Qt, .venv).
PY := .venv/bin/python

.PHONY: run test lint bench

run:
	@bash scripts/setup.sh window
	@bash scripts/run-gui.sh $(ARGS)

test:
	@bash scripts/setup.sh offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint:
	@bash scripts/setup.sh offscreen
	$(PY) -m ruff check .
