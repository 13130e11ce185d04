"""Writes for a whole community model: create, describe, provenance, parameters, versions, forks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from samfunnslab.accounts.models import Organisation
from samfunnslab.community_models.models import (
    Archetype,
    CommunityModel,
    Element,
    ModelVersion,
)
from samfunnslab.community_models.parameters import clean_parameters
from samfunnslab.community_models.services.common import (
    LONG_MAX,
    NAME_MAX,
    SHORT_MAX,
    Provenance,
    UserLike,
    clean_horizon,
    provenance_set,
    user_or_none,
)
from samfunnslab.community_models.sources import WorkshopRef
from samfunnslab.core.cleaning import clean_choice, clean_municipality, clean_text


def _model_fields(
    *,
    name: str,
    pitch: str,
    municipality_code: str,
    horizon_year: int | str,
    archetype: str,
    story: str,
    day_in_the_life: str,
    headlines: str,
) -> dict[str, Any]:
    """Validate the descriptive fields of a model and return them cleaned."""
    return {
        "name": clean_text(name, label=_("Navn"), max_length=NAME_MAX, required=True),
        "pitch": clean_text(pitch, label=_("Kort beskrivelse"), max_length=SHORT_MAX),
        "municipality_code": clean_municipality(municipality_code),
        "horizon_year": clean_horizon(horizon_year),
        "archetype": clean_choice(archetype, Archetype, label=_("Type framtid"))
        or Archetype.CUSTOM,
        "story": clean_text(story, label=_("Fortelling"), max_length=LONG_MAX),
        "day_in_the_life": clean_text(
            day_in_the_life, label=_("En dag i livet"), max_length=LONG_MAX
        ),
        "headlines": clean_text(headlines, label=_("Overskrifter"), max_length=LONG_MAX),
    }


@transaction.atomic
def model_create(
    *,
    organisation: Organisation,
    user: UserLike | None,
    name: str,
    municipality_code: str,
    horizon_year: int | str = 2040,
    pitch: str = "",
    archetype: str = Archetype.CUSTOM,
    story: str = "",
    day_in_the_life: str = "",
    headlines: str = "",
    parameters: Mapping[str, object] | None = None,
    shared: bool = False,
    is_example: bool = False,
    provenance: Provenance | None = None,
) -> CommunityModel:
    """Create a community model owned by the organisation, with where it came from."""
    fields = _model_fields(
        name=name,
        pitch=pitch,
        municipality_code=municipality_code,
        horizon_year=horizon_year,
        archetype=archetype,
        story=story,
        day_in_the_life=day_in_the_life,
        headlines=headlines,
    )
    model = CommunityModel(
        organisation=organisation,
        created_by=user_or_none(user),
        parameters=clean_parameters(parameters or {}),
        shared=shared,
        is_example=is_example,
        **fields,
    )
    provenance_set(model, provenance or Provenance())
    model.save()
    return model


@transaction.atomic
def model_update(
    *,
    model: CommunityModel,
    name: str,
    municipality_code: str,
    horizon_year: int | str,
    pitch: str = "",
    archetype: str = Archetype.CUSTOM,
    story: str = "",
    day_in_the_life: str = "",
    headlines: str = "",
    shared: bool | None = None,
    provenance: Provenance | None = None,
) -> CommunityModel:
    """Change the description of a model (and where it came from, when `provenance` is given)."""
    fields = _model_fields(
        name=name,
        pitch=pitch,
        municipality_code=municipality_code,
        horizon_year=horizon_year,
        archetype=archetype,
        story=story,
        day_in_the_life=day_in_the_life,
        headlines=headlines,
    )
    for key, value in fields.items():
        setattr(model, key, value)
    if shared is not None:
        model.shared = shared
    if provenance is not None:
        provenance_set(model, provenance)
    model.version += 1
    model.save()
    return model


@transaction.atomic
def model_provenance_set(
    *, model: CommunityModel, workshop: WorkshopRef | None, step: str = ""
) -> CommunityModel:
    """Record which workshop and method step the model came from (None clears the workshop)."""
    provenance_set(model, Provenance(workshop, step))
    model.save(update_fields=["source_workshop_id", "source_workshop_title", "source_step"])
    return model


@transaction.atomic
def model_parameters_set(
    *, model: CommunityModel, parameters: Mapping[str, object]
) -> CommunityModel:
    """Replace the engine parameters of a model (unknown keys and out-of-range values rejected)."""
    model.parameters = clean_parameters(parameters)
    model.version += 1
    model.save(update_fields=["parameters", "version", "updated_at"])
    return model


@transaction.atomic
def model_delete(*, model: CommunityModel) -> None:
    """Delete a model and, once that is saved, its pictures' files; its forks keep living."""
    names = list(model.images.values_list("file", flat=True))
    model.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


@transaction.atomic
def model_version_save(
    *, model: CommunityModel, user: UserLike | None, note: str = ""
) -> ModelVersion:
    """Save the model as it is now as a numbered version with a note."""
    from samfunnslab.community_models.exports import model_data

    note = clean_text(note, label=_("Merknad"), max_length=SHORT_MAX)
    number = (model.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ModelVersion.objects.create(
        model=model,
        number=number,
        note=note,
        snapshot=model_data(model),
        created_by=user_or_none(user),
    )


@transaction.atomic
def model_fork(
    *, model: CommunityModel, organisation: Organisation, user: UserLike | None, name: str = ""
) -> CommunityModel:
    """Deep-copy a model into an alternative owned by `organisation`, linked to its parent."""
    name = clean_text(name, label=_("Navn"), max_length=NAME_MAX) or fork_name(model.name)
    fork = CommunityModel.objects.create(
        organisation=organisation,
        created_by=user_or_none(user),
        name=name,
        pitch=model.pitch,
        municipality_code=model.municipality_code,
        horizon_year=model.horizon_year,
        archetype=model.archetype,
        story=model.story,
        day_in_the_life=model.day_in_the_life,
        headlines=model.headlines,
        parameters=dict(model.parameters),
        parent=model,
        parent_version=model.version,
        source_workshop_id=model.source_workshop_id,
        source_workshop_title=model.source_workshop_title,
        source_step=model.source_step,
    )
    mapping = _copy_elements(model, fork)
    _copy_roles_and_relations(model, fork, mapping)
    for value in model.values.all():
        _clone(value, model=fork)
    for assumption in model.assumptions.all():
        _clone(assumption, model=fork)
    return fork


def fork_name(name: str) -> str:
    """Return a default name for a fork that fits the name field."""
    suffix = _(" – alternativ")
    return name[: NAME_MAX - len(suffix)] + suffix


def _clone(obj: Any, **changes: Any) -> Any:
    """Save a copy of a model instance with some fields changed."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.save()
    return obj


def _copy_elements(model: CommunityModel, fork: CommunityModel) -> dict[int, Element]:
    """Copy every element, then re-point resource owners; return old id → new element."""
    mapping: dict[int, Element] = {}
    owners: dict[int, int] = {}
    for element in model.elements.all():
        old_id, owner_id = element.pk, element.owner_id
        copy = _clone(element, model=fork, owner=None)
        mapping[old_id] = copy
        if owner_id:
            owners[old_id] = owner_id
    for old_id, owner_id in owners.items():
        mapping[old_id].owner = mapping[owner_id]
        mapping[old_id].save(update_fields=["owner"])
    return mapping


def _copy_roles_and_relations(
    model: CommunityModel, fork: CommunityModel, mapping: dict[int, Element]
) -> None:
    """Copy roles and relations onto the copied elements."""
    for role in model.roles.all():
        _clone(role, model=fork, actor=mapping[role.actor_id], function=mapping[role.function_id])
    for relation in model.relations.all():
        _clone(
            relation,
            model=fork,
            source=mapping[relation.source_id],
            target=mapping[relation.target_id],
        )
