# shellcheck shell=bash
# Shared by scripts/stage.sh and scripts/nightly.sh (sourced): logfmt lines in the same
# shape as the stages' own log lines (Sources/Pipeline/Log.swift).

# A logfmt value: bare when safe, else quoted with \ and " escaped, line breaks and tabs
# as \n \r \t and any other control character as ? (one line, no terminal escapes).
quote() {
  if [[ -n "$1" && "$1" =~ ^[A-Za-z0-9._/:%-]+$ ]]; then
    printf '%s' "$1"
  else
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\r'/\\r}
    s=${s//$'\t'/\\t}
    s=${s//[[:cntrl:]]/?}
    printf '"%s"' "$s"
  fi
}

# The time of a line, UTC to the second; SOURCE_DATE_EPOCH fixes it (reproducible tests).
now() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    date -u -d "@${SOURCE_DATE_EPOCH%%.*}" +%Y-%m-%dT%H:%M:%SZ
  else
    date -u +%Y-%m-%dT%H:%M:%SZ
  fi
}

# One log line on standard output: logfmt <level> <stage> <region> <msg> [key value]…
logfmt() {
  local level=$1 stage=$2 region=$3 msg=$4
  shift 4
  local line
  line="time=$(now) level=$level stage=$stage region=$(quote "$region") msg=$(quote "$msg")"
  while [ "$#" -ge 2 ]; do
    line+=" $1=$(quote "$2")"
    shift 2
  done
  printf '%s\n' "$line"
}
