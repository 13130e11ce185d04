# Samfunnslaben — the two commands are `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
HOST ?= 127.0.0.1
# Django 6 needs Python 3.12+; this machine's default python3 is 3.11, so find 3.12 explicitly.
PY312 := $(shell command -v python3.12 2>/dev/null || ls -1 /root/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null | tail -1)
export UV_PYTHON := $(PY312)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
# One BLAS thread per process: the opinion map and projections are faster on 2 cores without oversubscription.
export OPENBLAS_NUM_THREADS ?= 1
UV := $(PY312) -m uv
PY := .venv/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/samfunnslab
REDIS_TEST_URL ?= redis://127.0.0.1:6379/5

.PHONY: help install install-test run serve serve-prod docker-image test test-sqlite test-postgres lint snapshot demo messages bench bench-paint bench-workshop services

help:
	@echo "make run   – install, migrate, load demo content and serve on http://$(HOST):$(PORT)"
	@echo "make test  – install what tests need and run them all (SQLite, then PostgreSQL + Redis)"

uv-bootstrap:
	@test -n "$(PY312)" || { echo "Python 3.12 not found (pyenv install 3.12 or apt-get install python3.12)"; exit 1; }
	@$(PY312) -m uv --version >/dev/null 2>&1 || $(PY312) -m pip install --quiet --disable-pip-version-check uv

install: uv-bootstrap
	$(UV) sync --frozen
	$(MAKE) --no-print-directory assets messages

install-test: uv-bootstrap
	$(UV) sync --frozen
	$(MAKE) --no-print-directory assets messages
	@bash scripts/install-browser.sh

assets:
	@if [ ! -d node_modules/@ks-digital ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; fi

messages:
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	@$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

snapshot: install
	$(MANAGE) build_snapshot

demo:
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo

run: install demo serve

# WebSocket compression is off: live messages are small, and a deflate context per phone costs
# more CPU and memory than it saves in a room of thousands (docs/load-benchmark.md).
serve:
	$(PY) -m uvicorn config.asgi:application --host $(HOST) --port $(PORT) --proxy-headers --timeout-graceful-shutdown 5 --ws websockets-sansio --ws-per-message-deflate false

# The production path on this machine: DEBUG=0, hashed + compressed static files, several uvicorn
# workers sharing Redis (required) and, normally, PostgreSQL (DATABASE_URL). Plain HTTP on HOST:PORT:
# TLS, HTTP compression in front and WebSocket proxying are Caddy's job (compose.yaml).
# SECRET_KEY comes from the environment or, locally, from a generated .secret-key file.
WORKERS ?= 3
serve-prod: install
	@test -n "$$REDIS_URL" || { echo "make serve-prod needs REDIS_URL (the workers share the live channel layer and the cache), e.g. REDIS_URL=redis://127.0.0.1:6379/0"; exit 1; }
	@test -n "$$DATABASE_URL" || echo "note: DATABASE_URL is unset, so this uses the SQLite file; production uses PostgreSQL"
	@test -n "$$SECRET_KEY" || test -s .secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key
	@export DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	  COMPRESS_RESPONSES="$${COMPRESS_RESPONSES:-1}" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	$(MANAGE) migrate --noinput -v 0 && \
	$(MANAGE) collectstatic --noinput -v 0 && \
	exec $(PY) -m uvicorn config.asgi:application --host $(HOST) --port $(PORT) --workers $(WORKERS) \
	  --proxy-headers --no-access-log --timeout-keep-alive 5 --timeout-graceful-shutdown 10 \
	  --h11-max-incomplete-event-size 16384 --ws websockets-sansio --ws-per-message-deflate false

# The image cannot be built on the development machine (no Docker daemon); this is the command.
docker-image:
	docker build -t samfunnslab:latest .

test: install-test
	@bash scripts/services-up.sh
	$(MAKE) --no-print-directory test-sqlite test-postgres

# pytest-xdist: each worker has its own test database (and Redis database, see config/settings.py).
test-sqlite:
	$(PY) -m pytest -q -n 2 -m "not browser"
	$(PY) -m pytest -q -n 2 --dist loadfile -m browser

# Only the Django apps: the pure packages (statbank, projection, opinion, textsort) cannot reach a
# database or cache (import-linter holds that), so the SQLite run has already tested them.
test-postgres:
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(PY) -m pytest -q -n 2 -m "not browser" samfunnslab

lint: install-test
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	.venv/bin/mypy

bench: install
	$(PY) bench/bench_municipality_page.py
	$(PY) bench/bench_projection.py
	$(PY) bench/bench_opinion.py

# Largest contentful paint of the main pages on a 4x slower phone over slow 4G (Debian chromium,
# so it needs what the browser tests need; docs/benchmarks.md).
bench-paint: install-test
	$(PY) bench/bench_paint.py

# The live-workshop load test (docs/load-benchmark.md). Default: one process, SQLite, in-memory
# channel layer. DB=postgres runs it on PostgreSQL + Redis (started if down; the bench database
# is created if missing) with BENCH_WORKERS uvicorn processes, e.g.
#   make bench-workshop N=1000 DB=postgres BENCH_WORKERS=1
#   make bench-workshop N=1000 DB=postgres BENCH_WORKERS=2
N ?= 2000
DB ?= sqlite
BENCH_WORKERS ?= 1
BENCH_DB ?= samfunnslab_bench
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/15
BENCH_ARGS ?=
bench-workshop: install
ifeq ($(DB),postgres)
	@bash scripts/services-up.sh >/dev/null
	@createdb -h 127.0.0.1 -U postgres $(BENCH_DB) 2>/dev/null || true
	$(PY) bench/bench_workshop.py --participants $(N) --database-url $(BENCH_PG_URL) \
	  --redis-url $(BENCH_REDIS_URL) --workers $(BENCH_WORKERS) $(BENCH_ARGS)
else
	$(PY) bench/bench_workshop.py --participants $(N) --workers $(BENCH_WORKERS) $(BENCH_ARGS)
endif
