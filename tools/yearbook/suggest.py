"""“Did you mean …?”: the one place that guesses what a misspelt key, file name or id was meant to be."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, when one is alike enough (difflib's ratio ≥ 0.6) to be worth suggesting."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
