"""Kept so existing databases migrate: the content is now loaded by `manage.py sync_content`.

This migration used to seed the portfolio app's shipped content; it does nothing now (samfunnslab/core/content.py).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
