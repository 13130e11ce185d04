"""Errors that say which file, dimension and value were wrong."""

from __future__ import annotations

from pathlib import Path


class StatInputError(ValueError):
    """Raised when a source file cannot be read; the message names file, dimension and value."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        dimension: str | None = None,
        value: object = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.dimension = dimension
        self.value = value
        parts = [self.path]
        if line is not None:
            parts.append(f"line {line}")
        if dimension is not None:
            parts.append(f"dimension '{dimension}'")
        if value is not None:
            parts.append(f"value {value!r}")
        super().__init__(f"{': '.join(parts)}: {message}")
