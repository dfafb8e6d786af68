#!/bin/sh
# Free CJK fonts for the PDF, installed only when the machine has no Chinese font at all.
# Debian/Ubuntu: Noto CJK SC (宋体 and 黑体 roles) and AR PL UKai (楷体 role). There is no free 仿宋 or
# 小标宋 in Debian; the build names the substitutes it uses.
set -eu
# A serif Chinese family from the PDF's font chains (yearbook/report/layout_spec.py); the last-resort sans
# fallbacks of fonts.py (Droid, WenQuanYi) do not count: with only those, the free serif fonts are installed.
known='Noto Serif CJK|Source Han Serif|Fandol|FangSong|SimSun|KaiTi|STSong|STKaiti|STFangsong|Songti|LXGW WenKai|AR PL U|方正小标宋|仿宋|宋体|楷体'
if command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -Eq "$known"; then
  exit 0
fi
exec sh "$(dirname "$0")/apt-install.sh" required "本机没有中文字体。" "No Chinese font found." fonts-noto-cjk fonts-arphic-ukai fontconfig
