#!/usr/bin/env bash
# Installs the Debian packages the project needs and are missing. One list, used by the README's two
# commands, so that a newcomer's first PDF export works as well as the test suite's:
#   app   what the running app itself needs: PostgreSQL server binaries (the project's own cluster),
#         Chromium (PDF reports) and the Noto fonts (Arabic and Chinese text in PDFs)
#   cluster  the above plus nginx (scripts/run-cluster.sh balances two instances with it)
#   test  the above plus poppler-utils (the tests read PDFs back with pdftotext), npm (the browser
#         tests install axe-core with npm ci), libreoffice-calc (the workbook round trip is tested by
#         converting the downloaded workbook with LibreOffice and uploading what it saves) and nginx
#         (the two-instance test goes through the same nginx settings as scripts/run-cluster.sh)
#   --check PROFILE   prints the missing packages, one a line, and installs nothing
set -euo pipefail

check_only=0
if [ "${1:-}" = "--check" ]; then check_only=1; shift; fi
profile="${1:-app}"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# Debian installs nginx in /usr/sbin, which is not on every user's PATH.
has_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
case "$profile" in
  app) ;;
  cluster) has_nginx || need+=(nginx) ;;
  test) command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
        command -v npm >/dev/null 2>&1 || need+=(npm)
        command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-calc)
        has_nginx || need+=(nginx) ;;
  *) echo "usage: $0 [--check] app|cluster|test" >&2; exit 2 ;;
esac

if [ $check_only = 1 ]; then
  [ ${#need[@]} -eq 0 ] || printf '%s\n' "${need[@]}"
  exit 0
fi
[ ${#need[@]} -gt 0 ] || exit 0

echo "Installing: ${need[*]}"
if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
