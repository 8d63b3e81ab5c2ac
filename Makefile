# Contributor commands. `make check` runs every gate CI runs (scripts/gates.sh).
.PHONY: check test docs lint bench

check:
	bash scripts/gates.sh

test:
	python -m pytest

lint:
	python -m ruff check src tests scripts examples benchmarks docs
	python -m ruff format --check src tests scripts examples benchmarks docs
	python -m mypy --strict src/bilateral tests/typing/usage.py

docs:
	python -m sphinx -n -W --keep-going -b html docs docs/_build/html

bench:
	python benchmarks/run.py
