#!/usr/bin/env bash
# Interop run: builds the KetCds server once, starts it on a free loopback port with the
# shipped rules, waits until it is SERVING, then runs the independent clients against it
# (grpcio/C-core from Python, grpc-js from Node, buf curl over reflection; CDS Hooks over HTTP/1.1
# from Python urllib and Node fetch) and stops it.
#
# Prints "interop: N passed, N failed" and exits non-zero when any check failed, the server
# did not come up, or its log holds an unexpected error line.
#
# Environment:
#   PYTHON                 interpreter with Debian's python3-grpcio (default /usr/bin/python3)
#   KETCDS_INTEROP_COUNTS  file to receive "PASSED FAILED" (used by .ci/run)
#   KETCDS_SERVER_LOG_COPY copy the server log here at the end
#   KETCDS_SERVER_CMD      run this instead of building src/KetCds.Server (it gets
#                          --rules DIR --port 0 --host 127.0.0.1 appended)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/ketcds-interop.XXXXXX")
# shellcheck source=server.sh
source "$here/server.sh"

cleanup() {
  local rc=$?
  ketcds_stop_server
  ketcds_keep_log
  if [[ $rc -ne 0 && -f "$server_log" ]]; then
    echo "---- server log (last 60 lines) ----"
    tail -n 60 "$server_log"
    echo "------------------------------------"
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

die() {
  echo "interop: $*" >&2
  exit 1
}

ketcds_build_server "$work" || die "no server to test"
ketcds_start_server "$work" "$repo/rules" || die "server did not come up"

# --- suites ----------------------------------------------------------------------------------
total_passed=0
total_failed=0
add_counts() {
  total_passed=$((total_passed + $1))
  total_failed=$((total_failed + $2))
}

echo "interop: Python grpcio suite"
py_xml="$work/python.xml"
set +e
(cd "$here/python" && KETCDS_TARGET="$target" KETCDS_HOOKS_URL="$hooks_url" PYTHONDONTWRITEBYTECODE=1 \
  timeout 300 "$python" -m pytest -q -rfE --junitxml="$py_xml" .)
py_rc=$?
set -e
py_passed=0
py_bad=1
if [[ -f "$py_xml" ]]; then
  if read -r py_tests py_bad < <("$python" - "$py_xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
tests = sum(int(s.get("tests", 0)) - int(s.get("skipped", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
print(tests, bad)
EOF
  ); then
    py_passed=$((py_tests - py_bad))
  else
    py_bad=1
  fi
fi
# Exit 5 (no tests collected) or a crash with an empty report must not read as success.
if [[ $py_rc -ne 0 && $py_bad -eq 0 ]]; then py_bad=1; fi
if [[ $py_passed -eq 0 && $py_bad -eq 0 ]]; then py_bad=1; fi
add_counts "$py_passed" "$py_bad"

echo "interop: Node grpc-js suite"
node_dir="$here/node"
if [[ ! -d "$node_dir/node_modules" ]]; then
  timeout 300 npm ci --prefix "$node_dir" --no-audit --no-fund >/dev/null
fi
node_tap="$work/node.tap"
set +e
(cd "$node_dir" && KETCDS_TARGET="$target" KETCDS_HOOKS_URL="$hooks_url" timeout 300 node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$node_tap" test/*.test.mjs)
node_rc=$?
set -e
node_passed=$(grep -m1 -oE '^# pass [0-9]+' "$node_tap" 2>/dev/null | grep -oE '[0-9]+' || echo 0)
node_failed=$(grep -m1 -oE '^# fail [0-9]+' "$node_tap" 2>/dev/null | grep -oE '[0-9]+' || echo 0)
node_cancelled=$(grep -m1 -oE '^# cancelled [0-9]+' "$node_tap" 2>/dev/null | grep -oE '[0-9]+' || echo 0)
node_failed=$((node_failed + node_cancelled))
if [[ $node_rc -ne 0 && $node_failed -eq 0 ]]; then node_failed=1; fi
if [[ $node_passed -eq 0 && $node_failed -eq 0 ]]; then node_failed=1; fi
add_counts "$node_passed" "$node_failed"

echo "interop: buf checks"
buf_dir="$here/buf"
if [[ ! -d "$buf_dir/node_modules" ]]; then
  timeout 300 npm ci --prefix "$buf_dir" --no-audit --no-fund >/dev/null
fi
set +e
"$buf_dir/checks.sh" "$target" "$work/buf.counts"
set -e
read -r buf_passed buf_failed <"$work/buf.counts" || { buf_passed=0; buf_failed=1; }
add_counts "$buf_passed" "$buf_failed"

# The server must still answer after everything the suites threw at it.
if ! ketcds_wait_serving 10; then
  echo "FAIL server no longer SERVING after the suites"
  add_counts 0 1
fi

ketcds_stop_server

# --- server log ------------------------------------------------------------------------------
# ASP.NET's console logger marks errors "fail:" and "crit:"; an escaped exception says "Unhandled". Each entry is
# shown with the four lines after it (its message and exception). None is allowed: a call whose client resets or drops
# it mid-request (the deadline and cancellation checks do that on purpose) is logged below Warning by the server
# (grpc-dotnet's ServerCallHandler[6] for it is lowered to Information; see the README), so any error is real.
awk '
  /(^|[^[:alnum:]])(fail|crit):|Unhandled/ { if (entry != "") print entry; entry = NR ":" $0; left = 4; next }
  left > 0 { entry = entry "\n" NR ":" $0; left--; if (left == 0) { print entry; entry = "" } }
  END { if (entry != "") print entry }
' "$server_log" >"$work/log-errors" || true
if [[ -s "$work/log-errors" ]]; then
  echo "FAIL server log holds unexpected error lines:"
  head -n 20 "$work/log-errors" | sed 's/\\n/\n    /g; s/^/    /'
  add_counts 0 1
else
  add_counts 1 0
  echo "PASS server log has no error lines"
fi

if [[ -n "${KETCDS_INTEROP_COUNTS:-}" ]]; then
  echo "$total_passed $total_failed" >"$KETCDS_INTEROP_COUNTS"
fi
echo "interop: $total_passed passed, $total_failed failed"
[[ $total_failed -eq 0 ]]
