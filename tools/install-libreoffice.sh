#!/bin/sh
# LibreOffice (Writer and Calc, headless), installed only when missing: `yearbook import` reads .doc/.wps/.odt
# through it, the tests convert documents with it (and save workbooks with Calc, as WPS and LibreOffice users hand
# them back), and `make bench` measures against it. Debian/Ubuntu only; elsewhere the tests that need it say so
# and import of those formats asks for a .docx instead.
set -eu
# Calc's library is where Debian puts it; elsewhere a LibreOffice install has Calc.
have_calc() { [ -e /usr/lib/libreoffice/program/libsclo.so ] || ! command -v apt-get >/dev/null 2>&1; }
if command -v soffice >/dev/null 2>&1 && have_calc; then
  exit 0
fi
exec sh "$(dirname "$0")/apt-install.sh" optional "本机缺少 LibreOffice 的 Writer 或 Calc（导入 .doc/.wps/.odt 和相关测试要用，缺了这些测试会跳过）。" "LibreOffice Writer or Calc is missing (import of .doc/.wps/.odt and some tests need them; those tests are skipped without)." libreoffice-writer-nogui libreoffice-calc-nogui
