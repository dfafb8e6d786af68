#!/bin/sh
# LibreOffice (Writer, headless), installed only when missing: `yearbook import` reads .doc/.wps/.odt through it,
# the tests convert documents with it, and `make bench` measures against it. Debian/Ubuntu only; elsewhere the
# tests that need it say so and import of those formats asks for a .docx instead.
set -eu
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "yearbook：本机没有 LibreOffice，且不是 Debian/Ubuntu，无法自动安装；需要它的测试会跳过。" >&2
  echo "yearbook: LibreOffice is missing and this is not Debian/Ubuntu; the tests that need it are skipped." >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "yearbook：正在安装 LibreOffice（libreoffice-writer-nogui）…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
