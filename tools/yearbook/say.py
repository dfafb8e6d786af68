"""One line to the user on stderr, in their language: every command's notes and usage errors go through here."""

from __future__ import annotations

import sys


def say(lang: str, zh: str, en: str) -> None:
    sys.stderr.write(f"yearbook：{zh}\n" if lang == "zh" else f"yearbook: {en}\n")
