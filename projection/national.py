"""National inputs (pure data): SSB national projections, HMD mortality, HFD fertility."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from projection.ages import AgeGroup, FloatArray, IntArray


@dataclass(frozen=True)
class NationalProjection:
    """One SSB national projection series: population by age group (both sexes) and year."""

    edition: int
    alternative: str
    years: IntArray
    groups: tuple[AgeGroup, ...]
    values: FloatArray  # (years, groups)

    def growth_from(self, base_year: int) -> FloatArray:
        """Return values divided by the base year's values, for the years after base_year."""
        index = int(np.searchsorted(self.years, base_year))
        if index >= len(self.years) or self.years[index] != base_year:
            raise ValueError(f"edition {self.edition} has no figures for {base_year}")
        ratio: FloatArray = self.values[index + 1 :] / self.values[index]
        return ratio


@dataclass(frozen=True)
class NationalMortality:
    """Death rates mx by year, sex (0 female, 1 male) and single age 0..110+."""

    years: IntArray
    mx: FloatArray  # (years, 2, ages)


@dataclass(frozen=True)
class NationalFertility:
    """Age-specific fertility rates by year and single age of mother (ages[0]..ages[-1])."""

    years: IntArray
    ages: IntArray
    asfr: FloatArray  # (years, ages)


@dataclass(frozen=True)
class NationalInputs:
    """Everything national the engine can use; any part may be missing."""

    projections: tuple[NationalProjection, ...] = ()
    mortality: NationalMortality | None = None
    fertility: NationalFertility | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def series(self, alternative: str, base_year: int) -> NationalProjection | None:
        """Return the newest edition of `alternative` published in or before base_year."""
        usable = [
            p
            for p in self.projections
            if p.alternative == alternative and p.edition <= base_year and base_year in p.years
        ]
        return max(usable, key=lambda p: p.edition) if usable else None
