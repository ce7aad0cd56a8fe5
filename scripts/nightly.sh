#!/usr/bin/env bash
# make nightly: every region (independent regions in parallel), then the national roll-up of
# the last good aggregates of every region; one nightly run at a time. README, "Operations".
#
# Called by `make nightly` with these in the environment (make's variables of the same name):
#   MAKE REGIONS OUTPUTS WORK LOGS LOCK NIGHTLY_WAIT JOBS KEEP_LOGS [NIGHTLY_RESULT]
# Command-line variables of the make call (INPUTS=…, PRODUCTION=1, …) reach the sub-makes
# through MAKEFLAGS.
#
# Exit status (also written to NIGHTLY_RESULT when set; `make nightly` itself can only exit 0
# or 2, scripts/make-nightly.sh exits with this one): 0 every region and the roll-up succeeded; 75 another nightly run holds the
# lock; otherwise the status of the first failed region's failed stage (in REGIONS order),
# or of the roll-up; 2 when make itself failed (a build error) before any stage.
set -u -o pipefail
# The night's status for scripts/make-nightly.sh (make itself exits 0 or 2).
trap 'rc=$?; if [ -n "${NIGHTLY_RESULT:-}" ]; then echo "$rc" >"$NIGHTLY_RESULT"; fi' EXIT

# The whole script is one compound command, read before it runs: a `git pull` that rewrites
# this file during a run does not change what the run does.
{
: "${MAKE:=make}" "${REGIONS:?}" "${OUTPUTS:?}" "${WORK:?}" "${LOGS:?}" "${LOCK:?}"
: "${NIGHTLY_WAIT:=0}" "${JOBS:=2}" "${KEEP_LOGS:=30}"

day=$(date +%F)
summary="$LOGS/nightly/$day.log"
mkdir -p "$(dirname "$LOCK")" "$LOGS/nightly"

# quote, now, logfmt
. "$(dirname "${BASH_SOURCE[0]}")/logfmt.sh"


# A summary line: into the nightly log; on a terminal also at once, under cron only when the
# night failed (at the end, on standard error), so that cron mails only a night with a failure.
lines=()
say() { # level region msg [key value]…
  local line
  line=$(logfmt "$1" nightly "$2" "$3" "${@:4}")
  printf '%s\n' "$line" >>"$summary"
  if [ -t 1 ]; then printf '%s\n' "$line"; else lines+=("$line"); fi
}

# ---- One run at a time ---------------------------------------------------------------------
exec 9>>"$LOCK"
if [ "$NIGHTLY_WAIT" -gt 0 ]; then
  flock -w "$NIGHTLY_WAIT" 9
else
  flock -n 9
fi || {
  holder=$(head -c 200 "$LOCK" 2>/dev/null | tr '\n' ' ')
  echo "make nightly: another nightly run holds the lock $LOCK (${holder:-holder unknown})" \
    "and did not finish within ${NIGHTLY_WAIT} s; exiting with status 75 (try again later)" >&2
  lines=()
  say warning - "another nightly run holds the lock; exiting" status 75 lock "$LOCK"
  exit 75
}
# The holder, for the message of a run that finds the lock taken.
: >"$LOCK"
printf 'pid %s since %s\n' "$$" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >&9

# ---- Logs: dated files, rotated by age ------------------------------------------------------
find "$LOGS" -type f \( -name '*.log' -o -name '*.out' \) -mtime "+$KEEP_LOGS" -delete 2>/dev/null

# Make's own output goes to the terminal when there is one; under cron into a file, so that
# cron mails only the summary of a night with a failure.
if [ -t 1 ]; then
  out=/dev/stdout
else
  out="$LOGS/nightly/$day.out"
fi

status_dir="$WORK/.nightly-status"
rm -rf "$status_dir"
mkdir -p "$status_dir"
say info - "started" regions "$REGIONS" jobs "$JOBS"

# ---- The tools first: a build error is one failure, not one per region -----------------------
if ! "$MAKE" --no-print-directory build >>"$out" 2>&1; then
  say error - "the build failed; no region was run" status 2 output "$out"
  if [ "$out" != /dev/stdout ]; then
    printf '%s\n' "${lines[@]}" >&2
    tail -n 30 "$out" >&2
  fi
  exit 2
fi

# ---- Every region; a failing one does not stop the others -----------------------------------
# shellcheck disable=SC2086
"$MAKE" --no-print-directory -k -j"$JOBS" $REGIONS NIGHTLY_STATUS="$status_dir" >>"$out" 2>&1
regions_make=$?

result=0
failed=()
good=()
for region in $REGIONS; do
  if [ -e "$status_dir/$region" ]; then
    read -r stage status <"$status_dir/$region"
    failed+=("$region")
    say error "$region" "failed in $stage; its previous outputs stay published" \
      status "$status" log "$LOGS/$region/$day.log"
    [ "$result" -eq 0 ] && result=$status
  else
    good+=("$region")
  fi
done
if [ "$regions_make" -ne 0 ] && [ "${#failed[@]}" -eq 0 ]; then
  say error - "make failed outside any stage" status "$regions_make" output "$out"
  result=$regions_make
fi
# A good region either ran stages (their names) or had nothing to do: its exports, pipeline and
# tools are those of its published outputs.
ok() { # region [key value]…
  local region=$1
  if [ -s "$status_dir/$region.ran" ]; then
    say info "$region" "ok" stages "$(tr '\n' ' ' <"$status_dir/$region.ran" | sed 's/ $//')" "${@:2}"
  else
    say info "$region" "up to date: nothing changed since the last run" "${@:2}"
  fi
}
for region in "${good[@]}"; do
  if [ "$regions_make" -eq 0 ] || [ -e "$OUTPUTS/$region/run/manifest.json" ]; then
    ok "$region" manifest "$OUTPUTS/$region/run/manifest.json"
  fi
done

# ---- The national roll-up of the aggregates there are ----------------------------------------
have=()
for region in $REGIONS; do
  [ -e "$OUTPUTS/$region/aggregates.sqlite" ] && have+=("$region")
done
if [ "${#have[@]}" -eq 0 ]; then
  say error nederland "no region has aggregates; no roll-up" status 66
  [ "$result" -eq 0 ] && result=66
else
  "$MAKE" --no-print-directory nederland NATIONAL_ONLY=1 NIGHTLY_STATUS="$status_dir" >>"$out" 2>&1
  rollup=$?
  if [ "$rollup" -ne 0 ]; then
    status=$rollup
    if [ -e "$status_dir/nederland" ]; then read -r _ status <"$status_dir/nederland"; fi
    say error nederland "the roll-up failed; the previous one stays published" status "$status" \
      log "$LOGS/nederland/$day.log"
    [ "$result" -eq 0 ] && result=$status
  elif [ "${#failed[@]}" -gt 0 ]; then
    say warning nederland "rolled up the last good aggregates of ${failed[*]}" \
      regions "${have[*]}" manifest "$OUTPUTS/nederland/run/manifest.json"
  else
    ok nederland regions "${have[*]}" manifest "$OUTPUTS/nederland/run/manifest.json"
  fi
fi

say "$([ "$result" -eq 0 ] && echo info || echo error)" - "finished" status "$result"
if [ "$result" -ne 0 ] && [ "$out" != /dev/stdout ]; then
  {
    printf '%s\n' "${lines[@]}"
    echo
    echo "make nightly failed (status $result). The end of make's output ($out):"
    tail -n 40 "$out"
  } >&2
fi
exit "$result"
}
