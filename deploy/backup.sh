#!/usr/bin/env bash
# Back up Samfunnslaben's PostgreSQL database to one file (pg_dump custom format, compressed).
#   deploy/backup.sh "$DATABASE_URL" backups/samfunnslab-$(date +%F).dump
# Redis holds nothing that needs a backup (cache, rate limits, live channel layer); the statistics
# snapshot is part of the image. docs/operations.md has the schedule and the restore drill.
set -euo pipefail
url="${1:?usage: backup.sh DATABASE_URL FILE}"
out="${2:?usage: backup.sh DATABASE_URL FILE}"
pg_dump --format=custom --no-owner --no-privileges --file="$out.partial" "$url"
mv "$out.partial" "$out"
echo "backup written: $out ($(du -h "$out" | cut -f1))"
