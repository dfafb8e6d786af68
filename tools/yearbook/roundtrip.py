"""Record files edited in place: comments, key order, quoting and line layout kept (ruamel.yaml's round trip), so a
command that changes a value changes that value's line and nothing else.

Records are written with mappings indented 2 and sequences 4 with the dash at 2 (the layout of `records/` and of
what `import` writes); an empty value stays empty (`value: `), as the records write a blank.
"""

from __future__ import annotations

import io
import re
from typing import Any

_FLOW_NULL = re.compile(r"(?<=: )null(?=[,}])")  # ruamel writes an empty value inside {…} as null


def _yaml() -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    Representer.add_representer(type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", ""))
    yaml = YAML()
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long Chinese line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    """The document as ruamel's commented mappings and sequences."""
    return _yaml().load(text)


def dump(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return _FLOW_NULL.sub("", out.getvalue())
