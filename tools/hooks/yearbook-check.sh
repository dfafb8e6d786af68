#!/bin/sh
# The pre-commit hook's entry (.pre-commit-hooks.yaml, language: script): `yearbook check` on the record
# files of a commit. pre-commit runs it from its clone of this repository; on the first run it prepares a
# virtualenv there from tools/requirements-check.txt (PyYAML, jsonschema, fastjsonschema, charset-normalizer: seconds).
set -eu
hook_repo=$(cd "$(dirname "$0")/../.." && pwd)
venv="$hook_repo/.venv"
if [ ! -x "$venv/bin/yearbook" ]; then
  echo "yearbook：首次运行，正在准备 $venv …（first run: preparing the virtualenv）" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$hook_repo/tools/requirements-check.txt"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$hook_repo/tools"
fi
exec "$venv/bin/yearbook" check "$@"
