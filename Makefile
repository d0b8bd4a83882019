# ClaimDesk. `make run` serves the app on http://127.0.0.1:8000; `make test` runs every check.
# Every target is idempotent and works on a fresh Debian machine with only Python 3.11.

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: venv db seed run serve test stop lint bench bench-core screenshots schema

$(VENV)/.installed: pyproject.toml scripts/venv
	scripts/venv

venv: $(VENV)/.installed

## db: virtualenv, database (DATABASE_URL, else the project-local cluster), migrations
db: venv
	@if [ -z "$$DATABASE_URL" ]; then scripts/localdb up; else echo "db: using DATABASE_URL"; fi
	$(MANAGE) migrate --noinput

## seed: the seed article and its curated claims; in development, the login accounts
seed: db
	$(MANAGE) load_seed
	$(MANAGE) ensure_dev_accounts

## run: db + seed, then serve on http://127.0.0.1:8000
run: seed
	$(MANAGE) runserver 127.0.0.1:8000

## serve: db + seed, collected static files, then gunicorn (config/gunicorn.py) on PORT (8000)
serve: seed
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn --config config/gunicorn.py

## test: the whole suite (browser tests included), migrations check, lint
test: db
	scripts/chromium
	$(PY) -m pytest
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/ruff check .

lint: venv
	$(VENV)/bin/ruff check .

## stop: stop the project-local database
stop:
	scripts/localdb stop

## bench: the scale benchmark (benchmarks/scale.py): 1M claims by default, every figure of
## docs/scaling.md, written to benchmarks/results/latest.json; not part of the test suite
bench: db
	$(PY) benchmarks/scale.py --claims $(or $(CLAIMS),1000000)

## bench-core: the core benchmarks (bulk load, search, edits, decisions, history) at 20,000 claims
bench-core: db
	$(PY) benchmarks/core.py --claims $(or $(CLAIMS),20000)

## screenshots: run the browser tests and refresh the README's screenshots/ from them
screenshots: db
	scripts/chromium
	$(PY) -m pytest tests/browser -q
	cp test-screenshots/*.png screenshots/

## schema: rewrite docs/openapi-v1.yaml, the API's committed contract, from the code
schema: db
	$(MANAGE) spectacular --validate --file docs/openapi-v1.yaml

## worker: run background intake jobs (`ingest --queue`); as many as you like, on any machine
.PHONY: worker
worker: db
	$(MANAGE) procrastinate worker --queues intake
