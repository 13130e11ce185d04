"""Demo content: a group session for Haugesund with six answers, and a front-page scenario link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.models import GroupResponse, GroupSession

DEMO_CODE = "HAUGE4"
DEMO_QUERY = [
    ("kommune", "1106"), ("alternativ", "MMMM"), ("p_familie", "1"), ("p_teknologi", "2"),
    ("veivalg", "teknologi"), ("veivalg", "unge_voksne"),
]  # fmt: skip
DEMO_ANSWERS = (
    Choices({"unge": 1, "familie": 2, "teknologi": 1}, frozenset({"teknologi", "fellesskap"})),
    Choices({"unge": 0, "familie": 1, "teknologi": 2}, frozenset({"teknologi"})),
    Choices({"unge": 2, "familie": -1, "teknologi": 1}, frozenset({"unge_voksne", "teknologi"})),
    Choices({"unge": -1, "familie": 1, "teknologi": None}, frozenset({"fellesskap"})),
    Choices({"unge": 1, "familie": 2, "teknologi": 0}, frozenset({"teknologi", "samarbeid"})),
    Choices({"unge": 1, "familie": 0, "teknologi": 2}, frozenset({"heltid_pensjon"})),
)


def load_demo(*, organisation: Organisation, user: AbstractBaseUser) -> GroupSession:
    """Create (once) a group session for Haugesund with six anonymous answers."""
    session, _created = GroupSession.objects.get_or_create(
        code=DEMO_CODE,
        defaults={
            "title": "Kommunestyret i Haugesund: mot 2040",
            "organisation": organisation,
            "municipality_code": "1106",
            "created_by": user,
        },
    )
    for number, choices in enumerate(DEMO_ANSWERS, start=1):
        GroupResponse.objects.update_or_create(
            session=session,
            participant=f"demo-{number}",
            defaults={"answers": dict(choices.answers), "paths": sorted(choices.paths)},
        )
    return session


def demo_link() -> dict[str, str] | None:
    """Return the front-page link to a scenario card for Haugesund."""
    return {
        "title": _("Scenariokort for Haugesund 2040"),
        "text": _("Teknologi først og flere unge voksne: hva betyr det for omsorgen i 2040?"),
        "url": f"{reverse('scenarios:index')}?{urlencode(DEMO_QUERY)}",
    }
