#!/usr/bin/env bash
# The Debian packages the tests need, checked first by `npm test` and by `.ci/run`:
#   chromium           /usr/bin/chromium                      e2e tests (playwright-core)
#   postgresql         /usr/lib/postgresql/*/bin/initdb       hub tests on a throwaway cluster
#   poppler-utils      pdftotext                              PDF checks in the e2e tests
#   fonts-dejavu-core  /usr/share/fonts/truetype/dejavu       Kazakh letters in screenshots and PDFs
# Nothing missing: prints nothing and exits 0. Something missing: as root or with passwordless sudo
# it runs `apt-get update` and `apt-get install` for exactly the missing packages; otherwise it
# exits 1 and prints the command to run. Safe to run again: a second run finds everything in place.
#
# Test hooks, used only by scripts/system-packages.test.ts (leave them unset):
#   AKIMAT_SYSPKG_ROOT     prefix for every path checked; pdftotext is then looked for only at
#                          $AKIMAT_SYSPKG_ROOT/usr/bin/pdftotext instead of on PATH
#   AKIMAT_SYSPKG_AS_ROOT  1 or 0: act as root or not, instead of asking `id -u`
#   AKIMAT_SYSPKG_SUDO     the sudo command (default `sudo`); run as `$AKIMAT_SYSPKG_SUDO -n ...`
#   AKIMAT_SYSPKG_APT      the apt-get command (default `apt-get`)
set -uo pipefail

root="${AKIMAT_SYSPKG_ROOT:-}"
sudo_cmd="${AKIMAT_SYSPKG_SUDO:-sudo}"
apt_cmd="${AKIMAT_SYSPKG_APT:-apt-get}"

has_pdftotext() {
  if [ -n "$root" ]; then [ -x "$root/usr/bin/pdftotext" ]; else command -v pdftotext >/dev/null; fi
}

has_initdb() {
  local initdb
  for initdb in "$root"/usr/lib/postgresql/*/bin/initdb; do
    [ -x "$initdb" ] && return 0
  done
  return 1
}

# Sets `missing` to the packages whose files are not there, in a fixed order.
find_missing() {
  missing=()
  [ -x "$root/usr/bin/chromium" ] || missing+=(chromium)
  has_initdb || missing+=(postgresql)
  has_pdftotext || missing+=(poppler-utils)
  [ -d "$root/usr/share/fonts/truetype/dejavu" ] || missing+=(fonts-dejavu-core)
}

find_missing
[ "${#missing[@]}" -eq 0 ] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing[*]}"

# How to run a command as root: directly (root), through passwordless sudo (sudo), or not at all.
case "${AKIMAT_SYSPKG_AS_ROOT:-}" in
  1) mode=root ;;
  0) mode=none ;;
  '') if [ "$(id -u)" -eq 0 ]; then mode=root; else mode=none; fi ;;
  *)
    echo "system packages: AKIMAT_SYSPKG_AS_ROOT must be 0 or 1" >&2
    exit 2
    ;;
esac
if [ "$mode" = none ] && "$sudo_cmd" -n true >/dev/null 2>&1; then mode=sudo; fi

if [ "$mode" = none ]; then
  {
    echo "The tests need Debian packages that are missing: ${missing[*]}"
    echo "Installing them needs root (no passwordless sudo here). Run:"
    echo
    echo "  sudo apt-get update && sudo $install_line"
    echo
    echo "then run npm test again."
  } >&2
  exit 1
fi

as_root() {
  if [ "$mode" = root ]; then "$@"; else "$sudo_cmd" -n "$@"; fi
}

echo "system packages: installing ${missing[*]}"
if ! as_root "$apt_cmd" update -qq; then
  echo "system packages: apt-get update failed; trying the install with the package lists as they are" >&2
fi
if ! as_root env DEBIAN_FRONTEND=noninteractive "$apt_cmd" install -y --no-install-recommends "${missing[@]}"; then
  echo "system packages: \`$install_line\` failed (see above)" >&2
  exit 1
fi

find_missing
if [ "${#missing[@]}" -gt 0 ]; then
  echo "system packages: still missing after the install: ${missing[*]}" >&2
  exit 1
fi
echo "system packages: installed"
