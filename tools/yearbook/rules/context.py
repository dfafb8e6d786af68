"""What a rule sees: one year's model, the year before it (for links to last year's plans) and the org."""

from __future__ import annotations

from dataclasses import dataclass

from yearbook.findings import Where
from yearbook.model import Org, Text, YearRecords


@dataclass(frozen=True, slots=True)
class Context:
    year: YearRecords
    previous: YearRecords | None
    org: Org | None
    folder: Where
    texts: tuple[Text, ...]  # the year's prose, walked once for all the rules that read it
    # All that prose in one string: `x in corpus` (a C substring search) tells a rule whether to look
    # closer, far faster than a regex over each text.
    corpus: str
    fonts: str = "windows"  # the font profile of `.yearbook.yaml`

    @classmethod
    def of(cls, year: YearRecords, previous: YearRecords | None, org: Org | None, folder: Where, fonts: str = "windows") -> Context:
        texts = tuple(year.texts())
        return cls(year, previous, org, folder, texts, "\n".join(text.value for text in texts), fonts)
