#!/bin/sh
# LibreOffice (Writer, headless), installed only when missing: `yearbook import` reads .doc/.wps/.odt through it,
# the tests convert documents with it, and `make bench` measures against it. Debian/Ubuntu only; elsewhere the
# tests that need it say so and import of those formats asks for a .docx instead.
set -eu
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
exec sh "$(dirname "$0")/apt-install.sh" optional "本机没有 LibreOffice（需要它的测试会跳过）。" "LibreOffice is missing (the tests that need it are skipped)." libreoffice-writer-nogui
