# syntax=docker/dockerfile:1
# Samfunnslaben's production image (docs/operations.md). Three stages: front-end assets from npm,
# Python dependencies + compiled messages + collected static files, and a slim runtime that runs
# as an unprivileged user. Build: `make docker-image` (needs a Docker daemon).

# --- 1. Front-end assets (Designsystemet/KS theme, htmx, Inter) from npm ---
FROM node:22-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev --loglevel=error

# --- 2. Python environment, translations and static files ---
FROM python:3.12-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# Build-time only key: collectstatic and compilemessages need settings, not a secret.
RUN SECRET_KEY=build-only-not-a-secret-but-long-enough-for-the-check-0123456789 DEBUG=0 \
    .venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 \
 && SECRET_KEY=build-only-not-a-secret-but-long-enough-for-the-check-0123456789 DEBUG=0 \
    .venv/bin/python manage.py collectstatic --noinput -v 0

# --- 3. Runtime ---
FROM python:3.12-slim-bookworm AS runtime
# WeasyPrint (PDF reports) needs Pango and fonts; curl-free health check uses Python.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app samfunnslab
WORKDIR /app
COPY --from=build --chown=samfunnslab /app /app
# Uploaded pictures (MEDIA_ROOT) live in a volume mounted here; the folder exists so that a new
# named volume takes the app user as owner.
RUN mkdir -p /app/media && chown samfunnslab /app/media
ENV PATH=/app/.venv/bin:$PATH DEBUG=0 STATIC_MANIFEST=1 LOG_FORMAT=json ACCESS_LOG=1 \
    PYTHONUNBUFFERED=1 OPENBLAS_NUM_THREADS=1 WEB_CONCURRENCY=4
USER samfunnslab
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/livez', timeout=4).status == 200 else 1)"]
# uvicorn's own access log is off: it records every client IP with the path (join codes); the
# app's access log (samfunnslab.access) leaves IPs out. Header/body limits and keep-alive are set
# here; slow-client (read header/body) timeouts are enforced by Caddy in front.
CMD ["sh", "-c", "exec uvicorn config.asgi:application --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY} --proxy-headers --forwarded-allow-ips '*' --no-access-log --timeout-keep-alive 5 --timeout-graceful-shutdown 10 --h11-max-incomplete-event-size 16384 --ws websockets-sansio --ws-per-message-deflate false"]
