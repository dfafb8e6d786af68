"""yearbook: an organisation's annual work report kept as validated records."""

from __future__ import annotations

__version__ = "0.1.0"
