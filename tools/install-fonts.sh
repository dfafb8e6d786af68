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
if ! command -v apt-get >/dev/null 2>&1; then
  echo "yearbook：没有找到中文字体，且本机不是 Debian/Ubuntu，无法自动安装。请安装 Noto Serif CJK SC / Noto Sans CJK SC 后重试。" >&2
  echo "yearbook: no Chinese font found and this is not Debian/Ubuntu; install Noto Serif/Sans CJK SC and retry." >&2
  exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "yearbook：本机没有中文字体，正在安装 fonts-noto-cjk fonts-arphic-ukai …" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk fonts-arphic-ukai fontconfig >/dev/null
