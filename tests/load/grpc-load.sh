# Sourced by h2load.sh and ab.sh: what every gRPC load run sends and how its servers are started, kept in one place.
# shellcheck shell=bash
# Request headers of a gRPC call for h2load; a bearer token when KETCDS_LOAD_TOKEN is set (a server with KetCds:Auth:Jwt).
grpc_headers=(-H 'content-type: application/grpc' -H 'te: trailers')
if [[ -n "${KETCDS_LOAD_TOKEN:-}" ]]; then
  grpc_headers+=(-H "authorization: Bearer $KETCDS_LOAD_TOKEN")
fi
# The rate and concurrency limits would cap what is measured, so every load server runs with them off.
limits_off=(--KetCds:Limits:CallsPerSecond 0 --KetCds:Limits:MaxConcurrentCalls 0)
# KETCDS_SERVER_ARGS: extra server arguments (a build ignores configuration keys it does not know).
read -r -a extra_server_args <<<"${KETCDS_SERVER_ARGS:-}"
ketcds_server_args=("${limits_off[@]}" "${extra_server_args[@]}")
