#!/usr/bin/env bash
# The cron entry: `make nightly` with the night's own exit status (make itself can only exit
# 0 or 2). Run from the clone; arguments are make's (PRODUCTION=1 INPUTS=… OUTPUTS=…):
#
#   scripts/make-nightly.sh [VARIABLE=value…]
#
# Exit status: scripts/nightly.sh's — 0 every region and the roll-up succeeded, 75 another
# nightly holds the lock, 2 the build failed, else the first failed stage's status (README,
# "Operations"); make's own status when make failed before the nightly started.
set -u -o pipefail
result=$(mktemp "${TMPDIR:-/tmp}/vt-nightly-status.XXXXXX") || exit 73
trap 'rm -f "$result"' EXIT
"${MAKE:-make}" --no-print-directory nightly NIGHTLY_RESULT="$result" "$@"
made=$?
status=$(cat "$result" 2>/dev/null)
exit "${status:-$made}"
