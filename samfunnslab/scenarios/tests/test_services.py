from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from samfunnslab.core.errors import Refusal
from samfunnslab.scenarios import authorizers, pages, selectors, services
from samfunnslab.scenarios.choices import Choices
from samfunnslab.scenarios.group import MIN_PARTICIPANTS


def _record(user: Any, organisation: Any, **kwargs: Any) -> Any:
    return services.local_figures_record(
        user=user,
        organisation=organisation,
        municipality_code="1106",
        users=(500, 300, 600),
        care_fte=900.0,
        **kwargs,
    )


def test_a_facilitator_records_local_figures_and_history_is_kept(
    facilitator: Any, organisation: Any
) -> None:
    _record(facilitator, organisation)
    newer = _record(facilitator, organisation, note="KOSTRA 2025")
    history = list(selectors.local_figures_history(code="1106", user=facilitator))
    assert len(history) == 2
    assert selectors.local_figures_entry(code="1106", user=AnonymousUser()) == newer
    assert newer.created_by == facilitator


def test_it_rejects_a_viewer_recording_figures(colleague: Any, organisation: Any) -> None:
    with pytest.raises(PermissionDenied):
        _record(colleague, organisation)


def test_it_rejects_an_outsider_recording_for_another_organisation(
    outsider: Any, organisation: Any
) -> None:
    with pytest.raises(PermissionDenied):
        _record(outsider, organisation)


def test_an_outsiders_own_figures_are_not_shown_to_the_public(
    outsider: Any, other_organisation: Any
) -> None:
    _record(outsider, other_organisation)
    assert selectors.local_figures_entry(code="1106", user=AnonymousUser()) is None
    assert selectors.local_figures_entry(code="1106", user=outsider) is not None


def test_local_figures_change_the_workforce_and_the_card_says_so(
    facilitator: Any, organisation: Any
) -> None:
    national = pages.compute("1106", "MMMM", Choices(), AnonymousUser())
    _record(facilitator, organisation)
    local = pages.compute("1106", "MMMM", Choices(), AnonymousUser())
    assert local.scenario.local_used and not national.scenario.local_used
    assert local.card.metrics["behov"].now == pytest.approx(900.0, rel=0.05)
    assert local.card.metrics["behov"].now != national.card.metrics["behov"].now


def test_the_figures_editor_is_the_municipalitys_own_organisation(facilitator: Any) -> None:
    assert authorizers.require_figures_editor(facilitator, "1106").municipality_code == "1106"


def test_it_rejects_anonymous_figures_editors() -> None:
    with pytest.raises(PermissionDenied):
        authorizers.require_figures_editor(AnonymousUser(), "1106")


def test_a_group_hides_the_distribution_below_five_participants(
    facilitator: Any, organisation: Any
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Test"
    )
    for n in range(MIN_PARTICIPANTS - 1):
        services.group_response_submit(
            session=session,
            participant=f"p{n}",
            choices=Choices({"unge": 2}, frozenset({"teknologi"})),
        )
    summary = selectors.group_summary(session)
    assert summary.participants == MIN_PARTICIPANTS - 1
    assert summary.distributions == ()
    assert summary.median_choices == Choices()  # a "median" of few answers would reveal them
    assert summary.path_votes == {}
    services.group_response_submit(
        session=session, participant="last", choices=Choices({"unge": -1})
    )
    summary = selectors.group_summary(session)
    assert summary.enough
    unge = next(d for d in summary.distributions if d.key == "unge")
    # 4 and 1 are both under 5: group mode never shows a cell under 5
    assert unge.counts["2"] is None and unge.counts["-1"] is None
    assert summary.median_choices.answers["unge"] == 2
    assert summary.median_choices.paths == frozenset({"teknologi"})


def test_a_participant_who_answers_again_replaces_the_answer(
    facilitator: Any, organisation: Any
) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Test"
    )
    services.group_response_submit(session=session, participant="p", choices=Choices({"unge": 2}))
    services.group_response_submit(session=session, participant="p", choices=Choices({"unge": -2}))
    assert session.responses.get().answers == {"unge": -2}


def test_a_closed_session_takes_no_answers(facilitator: Any, organisation: Any) -> None:
    session = services.group_session_open(
        user=facilitator, organisation=organisation, municipality_code="1106", title="Test"
    )
    services.group_session_set_open(user=facilitator, session=session, is_open=False)
    with pytest.raises(Refusal):
        services.group_response_submit(session=session, participant="p", choices=Choices())


def test_it_rejects_outsiders_opening_sessions_for_others(outsider: Any, organisation: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.group_session_open(
            user=outsider, organisation=organisation, municipality_code="1106", title="X"
        )
