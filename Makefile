# Two commands set everything up on a fresh machine: `make run` and `make test`.
# Each creates .venv and installs the project the first time (or when
# pyproject.toml changes) and is quick afterwards.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test lint typecheck pytest test-fast audit bench clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch is pinned to the CPU build in the `train` extra; see README "Choosing a torch build".
	$(BIN)/python -m pip install --quiet -e '.[train,dev]'
	touch $(STAMP)

# The first run trains and exports the model (minutes); later runs only check for it.
# Without TELEGRAM_BOT_TOKEN, `firstaid run` explains how to get one and opens the terminal chat.
run: $(STAMP)
	$(BIN)/firstaid models ensure
	$(BIN)/firstaid run

test: $(STAMP) lint typecheck pytest audit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

# Known vulnerabilities in the installed dependencies (pip-audit, PyPI advisory database).
# Reports and never fails the build: an advisory without a fix, or no network, is
# printed, not fatal. AUDIT_STRICT=1 fails on a vulnerability that has a fix.
audit: $(STAMP)
	$(BIN)/python .ci/audit.py

# Translations: extract the sentences marked with N_ into the two templates and merge
# them into every language's catalogue; then translate what is new or marked fuzzy
# (README "Translations"). The three sentences of matcher/other_language.py are part of
# the matcher's template.
BABEL_EXTRACT := $(BIN)/pybabel extract -F babel.cfg -k N_ -c Translators: --project=firstaid-bot
messages: $(STAMP)
	$(BABEL_EXTRACT) -o matcher/locale/firstaid.pot matcher
	$(BIN)/pybabel update -i matcher/locale/firstaid.pot -d matcher/locale -D firstaid
	$(BABEL_EXTRACT) -o bot/locale/bot.pot bot
	$(BIN)/pybabel update -i bot/locale/bot.pot -d bot/locale -D bot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
