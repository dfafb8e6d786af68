"""What a rule sees: one year's model, the year before it (for links to last year's plans) and the org."""

from __future__ import annotations

from dataclasses import dataclass

from yearbook.findings import Where
from yearbook.model import Org, YearRecords


@dataclass(frozen=True, slots=True)
class Context:
    year: YearRecords
    previous: YearRecords | None
    org: Org | None
    folder: Where
