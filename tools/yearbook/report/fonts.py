"""Which installed typeface plays each role in the PDF, and which of them are stand-ins.

Each role has a fallback chain (Windows and macOS names first, then free fonts); the first family this
machine has is used, and the build says so when it is a substitute (there is no free 仿宋 or 小标宋).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from yearbook.report.layout_spec import DEFAULT_PROFILE, ROLES, FontProfile, FontRole

# Any Chinese font beats no PDF: what minimal Debian/Ubuntu systems tend to have (LibreOffice pulls in Droid).
LAST_RESORT = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai")


class NoChineseFont(Exception):
    """Not one Chinese typeface is installed: a PDF cannot be made."""


@dataclass(frozen=True, slots=True)
class RoleChoice:
    role: FontRole
    chain: tuple[str, ...]  # the role's chain, narrowed to installed families, in order

    @property
    def used(self) -> str:
        return self.chain[0]

    @property
    def substitute(self) -> bool:
        return self.used not in self.role.genuine


@dataclass(frozen=True, slots=True)
class FontPlan:
    choices: dict[str, RoleChoice]

    def chains(self) -> dict[str, tuple[str, ...]]:
        return {name: choice.chain for name, choice in self.choices.items()}

    def substitutions(self) -> list[str]:
        """“仿宋 → Noto Serif CJK SC” for every role played by a stand-in."""
        return [f"{choice.role.label} → {choice.used}" for choice in self.choices.values() if choice.substitute]


def plan(installed: Iterable[str], profile: FontProfile = DEFAULT_PROFILE) -> FontPlan:
    """Choose a family per role from the installed ones, the profile's name first; a role with none borrows the
    body's chain."""
    have = set(installed)
    narrowed = {name: tuple(dict.fromkeys(family for family in (*profile.chain(role), *LAST_RESORT) if family in have)) for name, role in ROLES.items()}
    fallback = next((chain for chain in (narrowed["body"], narrowed["song"], narrowed["title"], narrowed["hei"], narrowed["kai"]) if chain), None)
    if fallback is None:
        raise NoChineseFont()
    return FontPlan({name: RoleChoice(ROLES[name], chain or fallback) for name, chain in narrowed.items()})
