"""Seed the shared framework-conditions register from lab/content/register.toml."""

from django.db import migrations


def seed(apps, schema_editor):
    from samfunnslab.lab.services import read_register_seed

    FrameworkCondition = apps.get_model("lab", "FrameworkCondition")
    for entry in read_register_seed():
        FrameworkCondition.objects.get_or_create(
            seed_key=entry["key"],
            defaults={
                "title": entry["title"],
                "summary": entry["summary"],
                "reference": entry["reference"],
                "source_kind": entry["source_kind"],
                "level": entry["level"],
                "type": entry["type"],
                "link": entry.get("link", ""),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("lab", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
