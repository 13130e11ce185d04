from django.db import migrations, models
from django.db.models import Max

from samfunnslab.workshops import kinds

TALLIES = {
    "choice": lambda a, values: kinds.choice_results(a.options, values),
    "scale": lambda a, values: kinds.scale_results(a.scale_max, values),
    "ranking": lambda a, values: kinds.ranking_results(a.options, values),
    "points": lambda a, values: kinds.points_results(a.options, values),
}
VOTE_KEYS = {1: "agree", -1: "disagree", 0: "pass"}


def release_existing_tallies(apps, schema_editor):
    """Release the tallies of answers given before tallies were released in steps of 5."""
    Activity = apps.get_model("workshops", "Activity")
    Response = apps.get_model("workshops", "Response")
    Contribution = apps.get_model("workshops", "Contribution")
    StatementVote = apps.get_model("workshops", "StatementVote")
    for activity in Activity.objects.filter(kind__in=TALLIES):
        rows = list(Response.objects.filter(activity=activity).values_list("value", "updated_at"))
        if rows:
            activity.released_results = TALLIES[activity.kind](activity, [v for v, _t in rows])
            activity.released_through = max(t for _v, t in rows)
            activity.save(update_fields=["released_results", "released_through"])
    for statement in Contribution.objects.filter(activity__kind="statements"):
        votes = StatementVote.objects.filter(statement=statement)
        if votes.exists():
            counts = {key: votes.filter(vote=vote).count() for vote, key in VOTE_KEYS.items()}
            statement.released_votes = counts
            statement.released_through = votes.aggregate(newest=Max("updated_at"))["newest"]
            statement.save(update_fields=["released_votes", "released_through"])


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0009_activity_text_lang"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="released_results",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="activity",
            name="released_through",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="contribution",
            name="released_votes",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="contribution",
            name="released_through",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(release_existing_tallies, migrations.RunPython.noop),
    ]
