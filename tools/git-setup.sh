#!/bin/sh
# Readable `git diff --word-diff` for Chinese records (.gitattributes names the driver `yearbook`).
# One token per number (1,200.5%), per Latin word, or per character: a UTF-8 lead byte with its continuation
# bytes, written as bytes so it works in any locale, the C locale of CI machines included.
set -eu
git rev-parse --git-dir > /dev/null 2>&1 || exit 0
git config diff.yearbook.wordRegex "$(printf '[0-9]+([.,][0-9]+)*%%?|[A-Za-z_]+|[^[:space:]\200-\277][\200-\277]*')"
