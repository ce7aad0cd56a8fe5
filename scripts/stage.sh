#!/usr/bin/env bash
# One stage command of one region, as make runs it (Makefile, `stage`):
#
#   scripts/stage.sh <region> <stage> <work-dir> <log-file|-> <status-dir|-> -- <command> [args…]
#
# - takes the region's lock (<work-dir>/<region>/.lock, flock): a second make of the same
#   region waits here until the first one's stage is done, so two runs never write the same
#   folders at once (the stages' leftover cleanup relies on it);
# - appends the stage's structured log lines to <log-file> (VT_LOG_FILE), and one line of its
#   own when the stage ends: `status=` and `seconds=`, and on failure what the status means;
# - on failure writes "<stage> <status>" to <status-dir>/<region>, on success appends <stage>
#   to <status-dir>/<region>.ran (make nightly's summary);
# - exits with the command's status (a signal: 128 + its number).
set -u -o pipefail

# The whole script is one compound command, read before it runs: a `git pull` that rewrites
# this file during a run does not change what the run does.
{
if [ "$#" -lt 7 ] || [ "$6" != "--" ]; then
  echo "usage: $0 <region> <stage> <work-dir> <log-file|-> <status-dir|-> -- <command> [args…]" >&2
  exit 64
fi
region=$1 stage=$2 work=$3 log=$4 status_dir=$5
shift 6


# quote, now, logfmt
. "$(dirname "${BASH_SOURCE[0]}")/logfmt.sh"

# What an exit status means (README, "Exit codes").
meaning() {
  case $1 in
    0) echo "ok" ;;
    3) echo "more records rejected than max_reject_rate" ;;
    4) echo "the kwaliteitsrapport found a fout" ;;
    64) echo "wrong command line" ;;
    65) echo "an input file cannot be read as a whole" ;;
    66) echo "an input is missing" ;;
    70) echo "internal error" ;;
    73) echo "an output cannot be created" ;;
    74) echo "reading or writing failed (disk full?)" ;;
    75) echo "try again later (locked, or an export changed while it was read)" ;;
    78) echo "configuration, layout or reference data invalid" ;;
    *)
      if [ "$1" -gt 128 ]; then
        echo "killed by signal $(($1 - 128))"
      else
        echo "failed"
      fi
      ;;
  esac
}

logline() { # level msg [key value]…
  [ "$log" = - ] && return 0
  logfmt "$1" "$stage" "$region" "$2" "${@:3}" >>"$log"
}

mkdir -p "$work/$region"
exec 8>>"$work/$region/.lock"
if ! flock -n 8; then
  echo "$region: waiting for another run of this region to finish its stage (lock $work/$region/.lock)" >&2
  flock 8
fi

if [ "$log" != - ]; then
  mkdir -p "$(dirname "$log")"
  export VT_LOG_FILE=$log
fi
# The stage and region of a command's own error line in the log (Log.recordInFile).
export VT_LOG_STAGE=$stage VT_LOG_REGION=$region
started=$(date +%s.%N)
"$@"
status=$?
seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
name=$(basename "$1")
if [ "$status" -eq 0 ]; then
  logline info "$name done" status 0 seconds "$seconds"
  # The stages that did work tonight (make nightly's summary tells them from "up to date").
  if [ "$status_dir" != - ]; then
    mkdir -p "$status_dir"
    printf '%s\n' "$stage" >>"$status_dir/$region.ran"
  fi
else
  logline error "$name failed: $(meaning "$status"); nothing of this stage was published, its previous outputs stay" \
    status "$status" seconds "$seconds"
  if [ "$status_dir" != - ]; then
    mkdir -p "$status_dir"
    # The first failure of the region counts (later stages do not run after it).
    [ -e "$status_dir/$region" ] || printf '%s %s\n' "$stage" "$status" >"$status_dir/$region"
  fi
fi
exit "$status"
}
