# Two commands from nothing: `make chat` opens the tutor, `make test` runs the tests.
# Torch is pinned and installed first: the CPU build of 2.13.0 is on these machines (in /opt/wheels,
# which pip is told of even when PIP_FIND_LINKS is not set: without it pip took PyPI's CUDA build of the
# same version, 526 MB and its nvidia packages), while an unpinned torch would pull several GB of CUDA.
# Times on the project's 2-core machine: set-up about 2 minutes the first time (pip shows each
# package as it goes); the first index build of the bundled text about 12 s (its embeddings ship with
# the code); the test suite about 2½ minutes, the first time on a machine too (see README).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels)

.PHONY: setup chat test eval bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@echo "Setting up $(VENV) (about 2 minutes the first time): Python environment, torch (CPU), then the tutor."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --progress-bar on $(WHEELS) torch==2.13.0
	$(PY) -m pip install --progress-bar on -e '.[test]'
	$(PY) -m compileall -q tutor
	@echo "Set-up done."
	touch $@

chat: setup
	$(VENV)/bin/tutor chat

test: setup
	@echo "Running the whole test suite on every core (about 2½ minutes on 2 cores, the first run on a machine too)."
	$(PY) -m pytest -q -n auto --durations=5

eval: setup
	$(VENV)/bin/tutor eval eval/dev.yaml
	$(VENV)/bin/tutor eval eval/out-of-scope.yaml

bench: setup
	$(PY) benchmarks/run.py all

clean:
	rm -rf $(VENV) index/manifest.json index/data-* index/.build-*
