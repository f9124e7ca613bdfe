#!/usr/bin/env bash
# Fuzzes the two parsers that face untrusted input (issue 11): the rule-file loader (`rules`) and the request path
# (`request`: EvaluateRequest parsing, validation, evaluation), with SharpFuzz-instrumented assemblies under Debian's
# afl++ for SECONDS each. Prints afl++'s executions, crashes and hangs per target; exits 1 when any crash was found.
#
#   tests/fuzz/run.sh [--seconds 300] [--targets "rules request"] [--mode afl|mutate]
#
# --mode mutate runs the harness's own in-process mutator instead (no afl++ needed; no coverage feedback).
# Needs: afl++ (apt-get install afl++) for --mode afl; the SharpFuzz.CommandLine tool is installed into the scratch folder.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seconds=300
targets="rules request"
mode=afl
while [[ $# -gt 0 ]]; do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --targets) targets=$2; shift ;;
    --mode) mode=$2; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "publishing the harness (Release) into $work"
timeout 900 dotnet publish "$here/KetCds.Fuzz/KetCds.Fuzz.csproj" -c Release -o "$work/fuzz" --nologo -v quiet -p:UseAppHost=false \
  >"$work/publish.log" 2>&1 || { tail -n 30 "$work/publish.log"; exit 1; }
harness=(dotnet "$work/fuzz/KetCds.Fuzz.dll")
# Seeds first: instrumented assemblies only run under afl-fuzz (outside it they touch its absent shared memory).
for target in $targets; do
  "${harness[@]}" seeds "$target" "$repo/rules" "$work/seeds-$target"
done

if [[ "$mode" == afl ]]; then
  command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++ (or --mode mutate)" >&2; exit 1; }
  timeout 300 dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >"$work/tool.log" 2>&1 \
    || { cat "$work/tool.log"; exit 1; }
  # The code under test: the loader and YAML parser; protobuf parsing, validation and the engine.
  for assembly in KetCds.Rules YamlDotNet Google.Protobuf KetCds.Contracts KetCds.Clinical KetCds.Engine; do
    "$work/tools/sharpfuzz" "$work/fuzz/$assembly.dll" >/dev/null
  done
fi

crashes_total=0
for target in $targets; do
  if [[ "$mode" == afl ]]; then
    AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 \
      timeout $((seconds + 120)) afl-fuzz -i "$work/seeds-$target" -o "$work/findings-$target" -t 10000 -m none -V "$seconds" \
      -- "${harness[@]}" afl "$target" "$repo/rules" >"$work/afl-$target.log" 2>&1 || { tail -n 30 "$work/afl-$target.log"; exit 1; }
    stats="$work/findings-$target/default/fuzzer_stats"
    execs=$(awk -F: '/^execs_done/ {gsub(/ /, "", $2); print $2}' "$stats")
    crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /, "", $2); print $2}' "$stats")
    hangs=$(awk -F: '/^saved_hangs/ {gsub(/ /, "", $2); print $2}' "$stats")
    paths=$(awk -F: '/^corpus_count/ {gsub(/ /, "", $2); print $2}' "$stats")
    echo "target $target: afl++ ${seconds}s: $execs execs, $paths corpus entries, $crashes crashes, $hangs hangs"
    if ((crashes > 0)); then
      mkdir -p "$repo/tests/fuzz/crashes-$target"
      cp "$work/findings-$target"/default/crashes/id* "$repo/tests/fuzz/crashes-$target/" 2>/dev/null || true
      echo "  crashing inputs copied to tests/fuzz/crashes-$target (replay: KetCds.Fuzz replay $target rules FILE)"
    fi
  else
    crashes=0
    "${harness[@]}" mutate "$target" "$repo/rules" "$work/seeds-$target" "$seconds" 20261202 "$repo/tests/fuzz/crashes-$target" || crashes=1
  fi
  crashes_total=$((crashes_total + crashes))
done
((crashes_total == 0))
