"""Ship the initiatives catalogue's examples from portfolio/content/initiatives.toml."""

from django.db import migrations

FIELDS = (
    "title", "municipality_code", "place", "country", "description", "actors", "functions",
    "kommune_version", "tags", "links", "sources", "horizon",
)


def seed(apps, schema_editor):
    from samfunnslab.portfolio.services import read_initiatives_seed

    Initiative = apps.get_model("portfolio", "Initiative")
    for entry in read_initiatives_seed():
        Initiative.objects.get_or_create(
            seed_key=entry["key"], defaults={k: entry[k] for k in FIELDS if k in entry}
        )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
