"""Thin views of the community models, one module per part of the site.

Each view parses input, checks access, calls one service and renders (full page or HTMX partial);
page contexts live in `community_models/pages.py`.

- `catalogue`: list, create, edit, delete, the model page, compare
- `builder`: the builder's quick forms (add, change, remove parts; function lens; parameters)
- `history`: forks, saved versions, contributions pulled from workshops
- `exports`: Kumu JSON, CSV, PDF
- `images`: pictures of artefacts (upload, from a workshop's phones, show, remove)
- `common`: what the others share
"""

from __future__ import annotations

from samfunnslab.community_models.views.builder import (
    builder,
    builder_add,
    builder_remove,
    element_edit,
    function_lens,
    parameters,
)
from samfunnslab.community_models.views.catalogue import (
    compare,
    index,
    model_create,
    model_delete,
    model_detail,
    model_edit,
)
from samfunnslab.community_models.views.exports import export_csv, export_kumu, export_pdf
from samfunnslab.community_models.views.history import contributions, model_fork, version_save
from samfunnslab.community_models.views.images import (
    image_file,
    image_from_workshop,
    image_remove,
    images,
)

__all__ = [
    "builder",
    "builder_add",
    "builder_remove",
    "compare",
    "contributions",
    "element_edit",
    "export_csv",
    "export_kumu",
    "export_pdf",
    "image_file",
    "image_from_workshop",
    "image_remove",
    "images",
    "function_lens",
    "index",
    "model_create",
    "model_delete",
    "model_detail",
    "model_edit",
    "model_fork",
    "parameters",
    "version_save",
]
