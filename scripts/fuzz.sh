#!/usr/bin/env bash
# Fuzzes the extract readers with libFuzzer (Tests/Fuzz/README.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds vt-fuzz (VT_FUZZ=1, release, --sanitize fuzzer --sanitize address, in
# .build/fuzz) and runs each target (all by default: csv-vt csv-regas csv-jb xml gzip) for
# SECONDS (60 by default) from its seed corpus Tests/Fuzz/corpus/<target>/. A crash, a hang
# (-timeout) or a memory blow-up (-rss_limit_mb) is saved to Tests/Fuzz/crashes/<target>/
# and makes the script exit 1 after the other targets have run. The corpus libFuzzer grows
# stays in .build/fuzz/corpus/<target>/ (never committed); the harness writes its scratch
# exports under /dev/shm and removes them.
#
# Environment: FUZZ_JOBS (parallel targets, 1 by default), FUZZ_NICE (nice level, 10),
# FUZZ_RSS_MB (2048), FUZZ_TIMEOUT (seconds per input, 10), FUZZ_ARGS (more libFuzzer flags).
set -eu -o pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
[ "$#" -gt 0 ] && shift
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(csv-vt csv-regas csv-jb xml gzip)
case "$seconds" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64 ;; esac

nice_level="${FUZZ_NICE:-10}"
scratch=.build/fuzz
# SwiftPM passes -sanitize=fuzzer and -sanitize=address to swiftc as two flags, and swiftc
# keeps only the last: the Swift code would get no coverage instrumentation. The combined
# flag, last, instruments it for both (C code is instrumented by clang either way).
build=(swift build -c release --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address
  --scratch-path "$scratch")

echo "fuzz: building vt-fuzz (release, fuzzer + address sanitizer, $scratch)"
start=$(date +%s)
VT_FUZZ=1 nice -n "$nice_level" "${build[@]}" --product vt-fuzz
bin="$(VT_FUZZ=1 "${build[@]}" --show-bin-path)/vt-fuzz"
echo "fuzz: built in $(($(date +%s) - start)) s: $bin"

max_len() {
  case "$1" in
    csv-vt | csv-regas) echo 16384 ;;
    gzip) echo 4096 ;;
    *) echo 8192 ;;
  esac
}

run_target() {
  local t="$1"
  local seeds="Tests/Fuzz/corpus/$t" crashes="Tests/Fuzz/crashes/$t" grown="$scratch/corpus/$t"
  local log="$scratch/logs/$t.log"
  [ -d "$seeds" ] || { echo "fuzz: $t: no seed corpus $seeds" >&2; return 64; }
  mkdir -p "$crashes" "$grown" "$(dirname "$log")"
  echo "fuzz: $t for ${seconds} s (log $log)"
  local status=0
  # -close_fd_mask=2: the stage's log lines go nowhere (libFuzzer keeps its own output).
  # shellcheck disable=SC2086
  VT_FUZZ_TARGET="$t" VT_FUZZ_REPO="$PWD" nice -n "$nice_level" "$bin" \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -max_len="$(max_len "$t")" -dict="Tests/Fuzz/dict/$t.dict" -artifact_prefix="$crashes/" \
    -close_fd_mask=2 -print_final_stats=1 ${FUZZ_ARGS:-} "$grown" "$seeds" >"$log" 2>&1 || status=$?
  grep -E "^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))" "$log" \
    | sed "s/^/fuzz: $t: /" || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz: $t FAILED (status $status); the finding:" >&2
    grep -E "ERROR|SUMMARY|finding|Test unit written|Fatal error|deadly signal|timeout|out-of-memory" "$log" \
      | head -20 | sed "s/^/fuzz: $t: /" >&2 || true
    local unit
    unit="$(grep -o "Test unit written to [^ ]*" "$log" | tail -1 | sed 's/Test unit written to //')" || true
    if [ -n "$unit" ] && [ -f "$unit" ]; then
      echo "fuzz: $t: replay with: VT_FUZZ_TARGET=$t $bin $unit" >&2
    fi
    return 1
  fi
}

failed=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then
  pids=()
  for t in "${targets[@]}"; do run_target "$t" & pids+=("$!"); done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed+=("${targets[$i]}"); done
else
  for t in "${targets[@]}"; do run_target "$t" || failed+=("$t"); done
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in Tests/Fuzz/crashes/; make each a regression test)" >&2
  exit 1
fi
echo "fuzz: no findings in ${targets[*]} (${seconds} s each)"
