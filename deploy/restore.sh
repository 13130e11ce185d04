#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database (create it first), then run
# `manage.py migrate` with the new release if the backup is from an older one.
#   createdb samfunnslab_restored && deploy/restore.sh postgres://…/samfunnslab_restored FILE
set -euo pipefail
url="${1:?usage: restore.sh DATABASE_URL FILE}"
file="${2:?usage: restore.sh DATABASE_URL FILE}"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
echo "restored $file"
