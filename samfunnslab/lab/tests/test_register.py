from __future__ import annotations

import datetime as dt

import pytest

from samfunnslab.core.errors import Refusal
from samfunnslab.lab import services
from samfunnslab.lab.models import ConditionType, FrameworkCondition, Level

pytestmark = pytest.mark.django_db

REQUIRED_KEYS = (
    "kommuneloven",
    "helse-og-omsorgstjenesteloven",
    "pasient-og-brukerrettighetsloven",
    "helsepersonelloven",
    "opplaeringslova",
    "barnehageloven",
    "plan-og-bygningsloven",
    "folkehelseloven",
    "nav-loven",
    "sosialtjenesteloven",
    "barnevernsloven",
    "forsoksloven",
    "iks-loven",
    "anskaffelsesloven",
    "personopplysningsloven",
    "arbeidsmiljoloven",
    "frivillighet",
    "inntektssystemet-frie-inntekter",
    "inntektssystemet-utgiftsutjevning",
    "eos-statsstotte",
)


def test_the_register_is_seeded_with_the_laws_income_system_and_eea_rules() -> None:
    keys = set(FrameworkCondition.objects.values_list("seed_key", flat=True))
    assert set(REQUIRED_KEYS) <= keys


def test_every_seeded_entry_has_a_reference_a_level_and_a_type() -> None:
    for entry in FrameworkCondition.objects.filter(organisation__isnull=True):
        assert entry.reference.strip(), entry.title
        assert entry.level in Level.values, entry.title
        assert entry.type in ConditionType.values, entry.title
        assert entry.summary.strip(), entry.title


def test_seeded_law_ids_follow_lovdata_form() -> None:
    assert FrameworkCondition.objects.get(seed_key="kommuneloven").reference.startswith(
        "LOV-2018-06-22-83"
    )
    assert "LOV-1992-06-26-87" in FrameworkCondition.objects.get(seed_key="forsoksloven").reference


def test_eea_rules_sit_on_the_eu_eea_level() -> None:
    assert FrameworkCondition.objects.get(seed_key="eos-statsstotte").level == Level.EU_EEA


def test_every_seeded_entry_is_unchecked_until_a_named_person_checks_it() -> None:
    assert (
        not FrameworkCondition.objects.filter(organisation__isnull=True)
        .exclude(checked_by_name="")
        .exists()
    )
    assert not any(c.checked for c in FrameworkCondition.objects.all())


def test_a_named_check_is_kept_with_its_date() -> None:
    entry = FrameworkCondition.objects.get(seed_key="kommuneloven")
    services.condition_check(
        condition=entry, checked_by_name="Jurist Jensen", checked_on=dt.date(2026, 1, 5)
    )
    entry.refresh_from_db()
    assert entry.checked and entry.checked_by_name == "Jurist Jensen"
    assert entry.checked_on == dt.date(2026, 1, 5)


def test_a_check_needs_a_name() -> None:
    entry = FrameworkCondition.objects.get(seed_key="kommuneloven")
    with pytest.raises(Refusal, match="kan ikke være tomt"):
        services.condition_check(condition=entry, checked_by_name="  ")
    entry.refresh_from_db()
    assert not entry.checked


def test_seeding_again_adds_nothing() -> None:
    assert services.register_seed() == 0


def test_a_local_entry_is_owned_by_the_organisation(organisation) -> None:
    entry = services.condition_create(
        organisation=organisation,
        user=None,
        title="Kommunestyrets vedtak om nabolagshus",
        summary="Nabolagshus kan lånes gratis.",
        reference="Sak 12/2025",
        level="local",
        type="organisational",
    )
    assert entry.organisation == organisation and not entry.checked


def test_a_local_entry_without_title_is_refused_and_not_saved(organisation) -> None:
    before = FrameworkCondition.objects.count()
    with pytest.raises(Refusal, match="Tittel"):
        services.condition_create(
            organisation=organisation,
            user=None,
            title="",
            summary="x",
            reference="y",
            level="local",
            type="legal",
        )
    assert FrameworkCondition.objects.count() == before


def test_a_huge_paste_gets_a_plain_message(organisation) -> None:
    with pytest.raises(Refusal, match="for langt"):
        services.condition_create(
            organisation=organisation,
            user=None,
            title="T",
            summary="x" * 10_000_000,
            reference="y",
            level="local",
            type="legal",
        )
