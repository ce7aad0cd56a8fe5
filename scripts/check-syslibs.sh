#!/usr/bin/env bash
# Checks that the system libraries the package links are present (through pkg-config);
# installs the Debian packages with apt-get when they are missing and we run as root.
# Usage: check-syslibs.sh MODULE... -- PACKAGE...
set -eu -o pipefail

modules=()
packages=()
seen_separator=no
for arg in "$@"; do
  if [ "$arg" = "--" ]; then seen_separator=yes; continue; fi
  if [ "$seen_separator" = yes ]; then packages+=("$arg"); else modules+=("$arg"); fi
done

missing() {
  local out=()
  if ! command -v pkg-config >/dev/null; then
    out=("${modules[@]}")
  else
    for m in "${modules[@]}"; do
      pkg-config --exists "$m" || out+=("$m")
    done
  fi
  echo "${out[@]:-}"
}

absent=$(missing)
if [ -z "$absent" ]; then
  echo "system libraries present: ${modules[*]}"
  exit 0
fi

echo "system libraries missing: $absent"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing: ${packages[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
  absent=$(missing)
  if [ -z "$absent" ]; then exit 0; fi
  echo "still missing after apt-get: $absent" >&2
  exit 1
fi
echo "install them with: sudo apt-get install ${packages[*]}" >&2
exit 1
