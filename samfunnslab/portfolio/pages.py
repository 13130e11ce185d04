"""Page contexts of the portfolio: the tree page and the pilot form, with their choice lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from samfunnslab.accounts.authorizers import UserLike, editable_organisations
from samfunnslab.community_models.authorizers import visible_models
from samfunnslab.portfolio import authorizers, selectors
from samfunnslab.portfolio.models import ForsokLetter, Horizon, LegalBasis, NodeLevel, PilotStatus


def choices() -> dict[str, Any]:
    """Return the choice lists the portfolio forms need."""
    return {
        "levels": NodeLevel.choices,
        "horizons": Horizon.choices[1:],
        "legal_bases": LegalBasis.choices,
        "letters": ForsokLetter.choices[1:],
        "pilot_statuses": PilotStatus.choices,
    }


def index_context(user: UserLike, *, errors: list[str], form: Mapping[str, Any]) -> dict[str, Any]:
    """Return the portfolio tree with its pilots, and what the forms to grow it need."""
    nodes = authorizers.visible_nodes(user)
    pilots = authorizers.visible_pilots(user)
    return {
        "tree": selectors.portfolio_tree(nodes, pilots),
        "unplaced": [p for p in pilots if p.node_id is None],
        "nodes": nodes.order_by("level", "title"),
        "can_edit": bool(editable_organisations(user)),
        "models": visible_models(user).order_by("name"),
        "errors": errors,
        "form": form,
        **choices(),
    }


def pilot_form_context(user: UserLike, form: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """Return what the pilot form needs: the visible nodes and the choice lists."""
    return {
        "nodes": authorizers.visible_nodes(user).order_by("level", "title"),
        "form": form,
        **choices(),
        **extra,
    }
