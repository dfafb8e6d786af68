"""Which records a DOCX was built from: a content hash of the year's files and org.yaml, carried in the DOCX's
custom properties so that `yearbook absorb` can tell whether the records moved on since.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def records_hash(root: Path, year: int) -> str:
    """The first 16 hex digits of SHA-256 over org.yaml and the year's files, by name, in name order."""
    digest = hashlib.sha256()
    paths = [root / "org.yaml", *sorted((root / str(year)).glob("*.yaml"))]
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
