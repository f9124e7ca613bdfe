#!/usr/bin/env bash
# buf checks of the KetCds server and contract: reflection through `buf curl` with no
# .proto at hand (grpc.reflection v1 and v1alpha), `buf lint`, and `buf breaking`
# against the previous commit. Usage: checks.sh HOST:PORT COUNTS_FILE
# Writes "PASSED FAILED" to COUNTS_FILE; exits non-zero when a check failed.
set -uo pipefail

target=$1
counts=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
buf="$here/node_modules/.bin/buf"
passed=0
failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [[ ! -x "$buf" ]]; then
  echo "buf: $buf not installed; run: npm ci --prefix $here" >&2
  echo "0 1" >"$counts"
  exit 1
fi

# check NAME EXPECTED_SUBSTRING COMMAND...: runs COMMAND (bounded) in an empty folder
# and passes when it exits 0 and its output contains EXPECTED_SUBSTRING.
check() {
  local name=$1 expect=$2
  shift 2
  local out rc
  out=$(cd "$scratch" && timeout 60 "$@" 2>&1)
  rc=$?
  if [[ $rc -eq 0 && "$out" == *"$expect"* ]]; then
    passed=$((passed + 1))
    echo "PASS buf: $name"
  else
    failed=$((failed + 1))
    echo "FAIL buf: $name (exit $rc, expected output containing '$expect')"
    printf '%s\n' "$out" | head -40 | sed 's/^/    /'
  fi
}

url="http://$target"
curl_args=(curl --protocol grpc --http2-prior-knowledge --reflect)
service=ketcds.v1.DecisionSupportService

check "GetRuleSet via reflection v1" '"contentSha256"' \
  "$buf" "${curl_args[@]}" "$url/$service/GetRuleSet"
check "GetRuleSet via reflection v1alpha" '"contentSha256"' \
  "$buf" "${curl_args[@]}" --reflect-protocol grpc-v1alpha "$url/$service/GetRuleSet"
check "GetRuleSet via reflection v1 (explicit)" '"contentSha256"' \
  "$buf" "${curl_args[@]}" --reflect-protocol grpc-v1 "$url/$service/GetRuleSet"
check "list services" "$service" "$buf" "${curl_args[@]}" --list-services "$url"
check "list services names health" "grpc.health.v1.Health" "$buf" "${curl_args[@]}" --list-services "$url"
check "list methods" "$service/EvaluateBatch" "$buf" "${curl_args[@]}" --list-methods "$url"
# JSON in, JSON out, with every descriptor (imports included) fetched by reflection.
patient='{"requestId":"buf-curl","patient":{"painConditions":{"conditions":["PAIN_CONDITION_CRPS_TYPE_1"]},
  "painDurationMonths":18,"painSeverityNrs":8,"clinicianJudgesSevere":true,
  "treatmentsTried":{"trials":[{"treatment":"STANDARD_TREATMENT_OPIOIDS","outcome":"TREATMENT_OUTCOME_FAILED"}]},
  "priorKetamine":{"receivedBefore":false},"careGoal":"CARE_GOAL_INITIAL_TREATMENT"}}'
check "Evaluate JSON via reflection" '"ELIGIBILITY_STATUS_ELIGIBLE"' \
  "$buf" "${curl_args[@]}" -d "$patient" "$url/$service/Evaluate"
check "health Check via reflection" '"SERVING"' \
  "$buf" "${curl_args[@]}" -d '{"service":""}' "$url/grpc.health.v1.Health/Check"

check "lint" "" bash -c "cd '$repo/protos' && '$buf' lint"

if ! git -C "$repo" rev-parse --verify -q 'HEAD~1^{commit}' >/dev/null; then
  echo "SKIP buf: breaking — HEAD has no parent in this clone (first commit or shallow clone)"
elif ! git -C "$repo" cat-file -e 'HEAD~1:protos' 2>/dev/null; then
  echo "SKIP buf: breaking — HEAD~1 has no protos/ folder"
else
  check "breaking against HEAD~1" "" \
    bash -c "cd '$repo' && '$buf' breaking protos --against '.git#subdir=protos,ref=HEAD~1'"
fi

echo "$passed $failed" >"$counts"
echo "buf: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
