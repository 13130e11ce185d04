"""Load demo content: an organisation, a facilitator account, and each app's examples (idempotent)."""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from samfunnslab.accounts.models import Organisation, Role
from samfunnslab.accounts.services import membership_set
from samfunnslab.core.content import content_sync
from samfunnslab.core.demo import DEMO_APPS

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "samfunnslab-demo"  # noqa: S105 - documented demo account for local use only
DEMO_ORGANISATION = "Demokommunen (Haugesund)"


def demo_facilitator(*, login: bool) -> tuple[Organisation, Any]:
    """Create or fetch the demo organisation and its facilitator.

    With `login` the facilitator can sign in with the documented demo password; without it (always
    in production, settings.DEMO_LOGIN) the account owns the demo content but has no usable password,
    and an existing demo password is removed.
    """
    organisation, _ = Organisation.objects.get_or_create(
        slug="demo", defaults={"name": DEMO_ORGANISATION, "municipality_code": "1106"}
    )
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = user_model.objects.create_user(username=DEMO_USERNAME, password=None)
    if login and not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    elif not login and user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership_set(user=user, organisation=organisation, role=Role.FACILITATOR)
    return organisation, user


class Command(BaseCommand):
    help = "Sync the shipped content, then load demo content for every app (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        login = settings.DEMO_LOGIN
        for label, result in content_sync().items():
            self.stdout.write(f"content synced: {label} ({result})")
        with transaction.atomic():
            organisation, user = demo_facilitator(login=login)
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"samfunnslab.{app}.demo")
            except ModuleNotFoundError:
                continue
            loader = getattr(module, "load_demo", None)
            if loader is not None:
                with transaction.atomic():
                    loader(organisation=organisation, user=user)
                self.stdout.write(f"demo content loaded: {app}")
        if login:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo facilitator: {DEMO_USERNAME} / {DEMO_PASSWORD} "
                    f"(organisation: {organisation.name})"
                )
            )
        else:
            self.stdout.write("Demo content loaded without a demo login (DEMO_LOGIN is off).")
