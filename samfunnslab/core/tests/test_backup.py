"""The documented backup and restore (deploy/backup.sh, deploy/restore.sh) round-trip the data.

Runs in the PostgreSQL pass of `make test` (DATABASE_URL=postgres://…); skipped on SQLite.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="needs PostgreSQL (DATABASE_URL=postgres://…) and pg_dump",
)


def url_for(database: str) -> str:
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return (
        f"postgresql://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{database}"
    )


def test_a_backup_restores_into_an_empty_database_with_every_row(
    transactional_db: Any, organisation: Any, facilitator: Any, tmp_path: Path
) -> None:
    from samfunnslab.workshops import services
    from samfunnslab.workshops.models import Contribution

    workshop = services.workshop_create(
        organisation=organisation,
        user=facilitator,
        title="Backup-verksted",
        municipality_code="1106",
    )
    activity = services.activity_add(workshop=workshop, kind="open", prompt="Hva savner du?")
    workshop = services.workshop_open(workshop=workshop)
    participant = services.participant_join(workshop=workshop)
    Contribution.objects.create(activity=activity, participant=participant, text="Et bibliotek")

    source = connection.settings_dict["NAME"]
    target = f"{source}_restore"
    dump = tmp_path / "samfunnslab.dump"
    subprocess.run(
        [str(ROOT / "deploy" / "backup.sh"), url_for(source), str(dump)],
        check=True,
        capture_output=True,
    )
    with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(
            [str(ROOT / "deploy" / "restore.sh"), url_for(target), str(dump)],
            check=True,
            capture_output=True,
        )
        with psycopg.connect(url_for(target)) as restored:
            title = restored.execute(
                "SELECT title FROM workshops_workshop WHERE id = %s", [workshop.pk]
            ).fetchone()
            text = restored.execute(
                "SELECT text FROM workshops_contribution WHERE activity_id = %s", [activity.pk]
            ).fetchone()
            migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()
        assert title == ("Backup-verksted",)
        assert text == ("Et bibliotek",)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert migrations == cursor.fetchone()
    finally:
        with psycopg.connect(url_for("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
