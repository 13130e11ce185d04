"""Writes for organisations and memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.text import slugify

from samfunnslab.accounts.models import Membership, Organisation, Role


@transaction.atomic
def organisation_create(*, name: str, municipality_code: str = "") -> Organisation:
    """Create an organisation with a unique slug."""
    return Organisation.objects.create(
        name=name, slug=slugify(name)[:50] or "org", municipality_code=municipality_code
    )


@transaction.atomic
def membership_set(
    *, user: AbstractBaseUser, organisation: Organisation, role: str = Role.VIEWER
) -> Membership:
    """Add the user to the organisation with the role, or change their role."""
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    organisation: Organisation | None = None,
    role: str = Role.FACILITATOR,
) -> AbstractBaseUser:
    """Create a user (password hashed with Argon2) and optionally a membership.

    The password must pass AUTH_PASSWORD_VALIDATORS (ValidationError otherwise), as it must on
    every other account path (admin forms, createsuperuser, changepassword).
    """
    user_model = get_user_model()
    validate_password(password, user=user_model(username=username))
    user = user_model.objects.create_user(username=username, password=password)
    if organisation is not None:
        membership_set(user=user, organisation=organisation, role=role)
    return user
