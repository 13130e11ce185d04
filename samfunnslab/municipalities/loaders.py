"""Moved to `samfunnslab.core.statistics` (the one gate to the statistics); kept for one round."""

from samfunnslab.core.statistics import *  # noqa: F403
from samfunnslab.core.statistics import HeadlineFact, RegionArrays  # noqa: F401
