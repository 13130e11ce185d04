"""Writes for community models, one module per section. Every function validates first and saves
all or nothing (`@transaction.atomic`, keyword-only `<entity>_<action>`); refusals are `Refusal`.

- `model`: create, describe (with provenance), parameters, versions, forks, delete
- `elements`: actors, institutions, functions, resources, factors
- `links`: roles and relations
- `values`: values and assumptions
- `contributions`: a workshop contribution pulled into the model
- `images`: pictures of artefacts, cleaned, with a description and where they came from
- `common`: limits and helpers shared by the others

Import from the package (`from samfunnslab.community_models import services`); new sections get a
module of their own here rather than growing one of these.
"""

from __future__ import annotations

from samfunnslab.community_models.services.common import (
    HORIZON_MAX,
    HORIZON_MIN,
    LONG_MAX,
    NAME_MAX,
    PULL_KINDS,
    SHORT_MAX,
    Provenance,
    UserLike,
    clean_horizon,
)
from samfunnslab.community_models.services.contributions import contribution_pull
from samfunnslab.community_models.services.elements import (
    element_add,
    element_remove,
    element_update,
    function_lens_set,
)
from samfunnslab.community_models.services.images import (
    image_add,
    image_add_from_workshop,
    image_remove,
)
from samfunnslab.community_models.services.links import (
    relation_add,
    relation_remove,
    role_add,
    role_remove,
)
from samfunnslab.community_models.services.model import (
    fork_name,
    model_create,
    model_delete,
    model_fork,
    model_parameters_set,
    model_provenance_set,
    model_update,
    model_version_save,
)
from samfunnslab.community_models.services.values import (
    assumption_add,
    assumption_remove,
    value_add,
    value_remove,
)

__all__ = [
    "HORIZON_MAX",
    "HORIZON_MIN",
    "LONG_MAX",
    "NAME_MAX",
    "PULL_KINDS",
    "Provenance",
    "SHORT_MAX",
    "UserLike",
    "assumption_add",
    "assumption_remove",
    "clean_horizon",
    "contribution_pull",
    "element_add",
    "element_remove",
    "element_update",
    "fork_name",
    "function_lens_set",
    "image_add",
    "image_add_from_workshop",
    "image_remove",
    "model_create",
    "model_delete",
    "model_fork",
    "model_parameters_set",
    "model_provenance_set",
    "model_update",
    "model_version_save",
    "relation_add",
    "relation_remove",
    "role_add",
    "role_remove",
    "value_add",
    "value_remove",
]
