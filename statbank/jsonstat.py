"""JSON-stat 2.0 datasets as answered by SSB's PxWebApi (v0/v1 POST and v2 GET with json-stat2).

`parse_jsonstat` turns a response into a `JsonStatDataset`: dimension ids in order, categories in
index order with labels, a dense float array in row-major order (NaN for `null`), and the status
symbols (`..` = not available, `.` = cannot exist, `:` = confidential) in an array of the same
shape. Zero is never used for a missing figure: see `JsonStatDataset.mark_absent`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from statbank.errors import StatInputError

ABSENT = "."  # SSB's symbol for "logically impossible": here, a code that did not exist yet


@dataclass(frozen=True)
class Dimension:
    """One dimension: id, label, category codes in index order, their labels and role.

    `codelists` are the ids of the PxWebApi v2 code lists offered for the dimension (metadata
    answers list them under `extension.codelists`), e.g. `agg_KommSummer` for regions.
    """

    id: str
    label: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    role: str | None = None
    codelists: tuple[str, ...] = ()

    def position(self, code: str, source: str = "<dataset>") -> int:
        """Return the index of a category code, or raise an error naming dimension and code."""
        try:
            return self.codes.index(code)
        except ValueError:
            raise StatInputError(
                source, "no such category", dimension=self.id, value=code
            ) from None


@dataclass(frozen=True)
class JsonStatDataset:
    """A parsed JSON-stat 2.0 dataset; `values` and `status` have one axis per dimension."""

    source: str
    label: str
    table_id: str
    updated: str
    dimensions: tuple[Dimension, ...]
    values: npt.NDArray[np.float64]
    status: npt.NDArray[np.str_]
    notes: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """Dimension ids in the order of the value axes."""
        return tuple(d.id for d in self.dimensions)

    def dimension(self, dim_id: str) -> Dimension:
        """Return a dimension by id, or raise an error naming it."""
        for dim in self.dimensions:
            if dim.id == dim_id:
                return dim
        raise StatInputError(
            self.source, f"no such dimension (has {list(self.ids)})", dimension=dim_id, value=dim_id
        )

    def role(self, role: str) -> Dimension | None:
        """Return the (first) dimension with a role such as 'time' or 'geo'."""
        return next((d for d in self.dimensions if d.role == role), None)

    def axis(self, dim_id: str) -> int:
        """Return the axis number of a dimension."""
        return self.ids.index(self.dimension(dim_id).id)

    def value(self, **codes: str) -> float:
        """Return one cell, selected by a code for every dimension (NaN if it has no figure)."""
        index = self._index(codes)
        return float(self.values[index])

    def status_of(self, **codes: str) -> str:
        """Return the status symbol of one cell ('' when there is none)."""
        return str(self.status[self._index(codes)])

    def _index(self, codes: Mapping[str, str]) -> tuple[int, ...]:
        for key in codes:
            self.dimension(key)
        missing = [d.id for d in self.dimensions if d.id not in codes and len(d.codes) != 1]
        if missing:
            raise StatInputError(
                self.source,
                "a code is needed for every dimension",
                dimension=missing[0],
                value=None,
            )
        return tuple(
            d.position(codes[d.id], self.source) if d.id in codes else 0 for d in self.dimensions
        )

    def records(self) -> Iterator[tuple[dict[str, str], float, str]]:
        """Yield ({dimension: code}, value, status) for every cell, in row-major order."""
        for index in np.ndindex(*self.values.shape):
            codes = {d.id: d.codes[i] for d, i in zip(self.dimensions, index, strict=True)}
            yield codes, float(self.values[index]), str(self.status[index])

    def absent_mask(self, by: tuple[str, ...] | None = None) -> npt.NDArray[np.bool_]:
        """Mark the (geo × time) slices whose figures are all exactly 0.

        SSB answers 0 for a region code in the years before the code existed (3101 Halden is
        0 in 2005–2023). Such a slice means "the code did not exist", never "nobody lived there".
        The mask has the full shape of `values`.
        """
        dims = by or tuple(d.id for d in (self.role("geo"), self.role("time")) if d is not None)
        if not dims:
            raise StatInputError(
                self.source,
                "no geo or time dimension to test for absent codes",
                dimension="role",
                value=None,
            )
        keep = {self.axis(d) for d in dims}
        other = tuple(i for i in range(self.values.ndim) if i not in keep)
        all_zero = np.all(self.values == 0, axis=other, keepdims=True)
        return np.broadcast_to(all_zero, self.values.shape)

    def mark_absent(self, by: tuple[str, ...] | None = None) -> JsonStatDataset:
        """Return a copy where all-zero slices (codes that did not exist) are NaN with status '.'."""
        mask = self.absent_mask(by)
        values = np.where(mask, np.nan, self.values)
        status = np.where(mask & (self.status == ""), ABSENT, self.status)
        return replace(self, values=values, status=status)


# --------------------------------------------------------------------------- parsing


def read_jsonstat(path: Path) -> JsonStatDataset:
    """Read a JSON-stat 2.0 file (a saved SSB API response)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StatInputError(path, "file not found") from None
    return parse_jsonstat(raw, source=path)


def _load(text: str | bytes, source: Path | str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise StatInputError(source, f"not UTF-8 encoded ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        snippet = exc.doc[max(0, exc.pos - 20) : exc.pos + 20]
        raise StatInputError(
            source,
            f"not valid JSON ({exc.msg}, column {exc.colno})",
            line=exc.lineno,
            dimension="json",
            value=snippet,
        ) from None
    if not isinstance(data, dict):
        raise StatInputError(
            source, "expected a JSON object", dimension="class", value=type(data).__name__
        )
    if data.get("class") != "dataset":
        raise StatInputError(
            source, "expected a JSON-stat 2.0 dataset", dimension="class", value=data.get("class")
        )
    return data


def _dimensions(source: Path | str, data: dict[str, Any]) -> tuple[Dimension, ...]:
    ids, sizes = data.get("id"), data.get("size")
    if not isinstance(ids, list) or not isinstance(sizes, list) or len(ids) != len(sizes):
        raise StatInputError(
            source,
            "'id' and 'size' must be lists of the same length",
            dimension="size",
            value=sizes,
        )
    roles = _roles(data.get("role"))
    return tuple(
        _dimension(source, data.get("dimension"), str(dim_id), size, roles.get(str(dim_id)))
        for dim_id, size in zip(ids, sizes, strict=True)
    )


def parse_dimensions(text: str | bytes, source: Path | str = "<response>") -> tuple[Dimension, ...]:
    """Parse only the dimensions of a JSON-stat 2.0 dataset (e.g. a PxWebApi v2 metadata answer)."""
    return _dimensions(source, _load(text, source))


def parse_jsonstat(text: str | bytes, source: Path | str = "<response>") -> JsonStatDataset:
    """Parse a JSON-stat 2.0 dataset; errors name the source, the dimension and the value."""
    data = _load(text, source)
    dimensions = _dimensions(source, data)
    shape = tuple(len(d.codes) for d in dimensions)
    total = math.prod(shape)
    values = _values(source, data.get("value"), total).reshape(shape)
    status = _status(source, data.get("status"), total).reshape(shape)
    px = (data.get("extension") or {}).get("px") or {}
    notes = data.get("note") or ()
    return JsonStatDataset(
        source=str(source),
        label=str(data.get("label", "")),
        table_id=str(px.get("tableid", "")),
        updated=str(data.get("updated", "")),
        dimensions=dimensions,
        values=values,
        status=status,
        notes=tuple(str(n) for n in notes) if isinstance(notes, list) else (str(notes),),
    )


def _roles(raw: Any) -> dict[str, str]:
    roles: dict[str, str] = {}
    if isinstance(raw, dict):
        for role, dim_ids in raw.items():
            for dim_id in dim_ids or ():
                roles.setdefault(str(dim_id), str(role))
    return roles


def _dimension(
    source: Path | str, dims: Any, dim_id: str, size: Any, role: str | None
) -> Dimension:
    if not isinstance(dims, dict) or dim_id not in dims:
        raise StatInputError(
            source,
            "dimension listed in 'id' but not described in 'dimension'",
            dimension=dim_id,
            value=dim_id,
        )
    dim = dims[dim_id]
    category = dim.get("category") if isinstance(dim, dict) else None
    if not isinstance(category, dict):
        raise StatInputError(source, "dimension has no 'category'", dimension=dim_id, value=dim)
    labels = category.get("label") or {}
    index = category.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        positions = list(index.values())
        if sorted(p for p in positions if isinstance(p, int)) != list(range(len(positions))):
            raise StatInputError(
                source,
                "category index positions must be 0..n-1",
                dimension=dim_id,
                value=positions,
            )
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda item: int(item[1]))]
    elif isinstance(labels, dict) and len(labels) == 1:
        codes = [str(next(iter(labels)))]
    else:
        raise StatInputError(source, "category has no index", dimension=dim_id, value=category)
    if not isinstance(size, int) or size != len(codes):
        raise StatInputError(
            source, f"size does not match the {len(codes)} categories", dimension=dim_id, value=size
        )
    if not isinstance(labels, dict):
        labels = {}
    return Dimension(
        id=dim_id,
        label=str(dim.get("label", dim_id)),
        codes=tuple(codes),
        labels=tuple(str(labels.get(code, code)) for code in codes),
        role=role,
        codelists=_codelists(dim.get("extension")),
    )


def _codelists(extension: Any) -> tuple[str, ...]:
    """The code list ids of a v2 dimension (the spec spells the key `codelists`, examples `codeLists`)."""
    if not isinstance(extension, dict):
        return ()
    items = extension.get("codelists") or extension.get("codeLists") or ()
    if not isinstance(items, list):
        return ()
    return tuple(str(item["id"]) for item in items if isinstance(item, dict) and item.get("id"))


def _number(source: Path | str, position: int, raw: Any) -> float:
    if raw is None:
        return math.nan
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise StatInputError(
            source, "values must be numbers or null", dimension=f"value[{position}]", value=raw
        )
    return float(raw)


def _values(source: Path | str, raw: Any, total: int) -> npt.NDArray[np.float64]:
    if isinstance(raw, list):
        if len(raw) != total:
            raise StatInputError(
                source,
                f"'value' has {len(raw)} numbers but 'size' says {total}",
                dimension="value",
                value=len(raw),
            )
        return np.array([_number(source, i, v) for i, v in enumerate(raw)], dtype=np.float64)
    if isinstance(raw, dict):
        values = np.full(total, np.nan)
        for key, v in raw.items():
            position = _position(source, "value", key, total)
            values[position] = _number(source, position, v)
        return values
    raise StatInputError(
        source, "'value' must be a list or an object", dimension="value", value=type(raw).__name__
    )


def _position(source: Path | str, where: str, key: Any, total: int) -> int:
    try:
        position = int(key)
    except (TypeError, ValueError):
        position = -1
    if not 0 <= position < total:
        raise StatInputError(source, f"position outside 0–{total - 1}", dimension=where, value=key)
    return position


def _status(source: Path | str, raw: Any, total: int) -> npt.NDArray[np.str_]:
    status = np.full(total, "", dtype="<U4")
    if raw is None:
        return status
    if isinstance(raw, str):
        status[:] = raw
    elif isinstance(raw, list):
        if len(raw) not in (1, total):
            raise StatInputError(
                source,
                f"'status' has {len(raw)} entries but 'size' says {total}",
                dimension="status",
                value=len(raw),
            )
        status[:] = [s or "" for s in raw] if len(raw) == total else (raw[0] or "")
    elif isinstance(raw, dict):
        for key, symbol in raw.items():
            status[_position(source, "status", key, total)] = symbol or ""
    else:
        raise StatInputError(
            source,
            "'status' must be a string, list or object",
            dimension="status",
            value=type(raw).__name__,
        )
    return status
