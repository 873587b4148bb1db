# Two commands from nothing: `make chat` opens the tutor, `make test` runs the tests.
# Torch is pinned and installed first: the CPU build of 2.13.0 is on these machines, while an
# unpinned torch would pull several GB of CUDA.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup chat test eval bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

chat: setup
	$(VENV)/bin/tutor chat

test: setup
	$(PY) -m pytest -q

eval: setup
	$(VENV)/bin/tutor eval eval/dev.yaml
	$(VENV)/bin/tutor eval eval/out-of-scope.yaml

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) index/*.json index/*.npy index/*.faiss index/keyword index/question-keyword
