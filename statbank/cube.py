"""Population cubes: numpy arrays keyed by year × municipality × sex × age."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SEXES = ("female", "male")
AGES = np.arange(106)  # 0..105, where 105 means "105 or older"
MAX_AGE = 105


@dataclass(frozen=True)
class PopulationCube:
    """Registered population on 1 January; NaN marks "no comparable figure" (never zero)."""

    years: npt.NDArray[np.int64]
    codes: tuple[str, ...]
    values: npt.NDArray[np.float64]  # (years, municipalities, 2 sexes, 106 ages)

    def year_index(self, year: int) -> int:
        """Return the position of a year, or raise KeyError."""
        hits = np.flatnonzero(self.years == year)
        if hits.size == 0:
            raise KeyError(f"year {year} is not in the cube ({self.years[0]}–{self.years[-1]})")
        return int(hits[0])

    def code_index(self, code: str) -> int:
        """Return the position of a municipality code, or raise KeyError."""
        try:
            return self.codes.index(code)
        except ValueError:
            raise KeyError(f"unknown municipality code {code!r}") from None

    def until(self, year: int) -> PopulationCube:
        """Return the cube restricted to years up to and including `year`."""
        keep = self.years <= year
        return PopulationCube(self.years[keep], self.codes, self.values[keep])

    def municipality(self, code: str) -> npt.NDArray[np.float64]:
        """Return the (years, 2, 106) block for one municipality."""
        return self.values[:, self.code_index(code)]

    def totals(self) -> npt.NDArray[np.float64]:
        """Return totals per (year, municipality); NaN where any cell is blank."""
        return self.values.sum(axis=(2, 3))
