#!/bin/sh
# Debian packages the project needs, for install-fonts.sh and install-libreoffice.sh:
#   sh tools/apt-install.sh required|optional "中文说明" "English note" package …
# On a machine without apt-get it says so, and fails only when the packages are required.
set -eu
need=$1 zh=$2 en=$3
shift 3
if ! command -v apt-get >/dev/null 2>&1; then
  echo "yearbook：$zh 本机不是 Debian/Ubuntu，无法自动安装（$*）。" >&2
  echo "yearbook: $en This is not Debian/Ubuntu; install $* by hand." >&2
  [ "$need" = optional ] && exit 0
  exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "yearbook：$zh 正在安装 $* …" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
