"""Polls grpc.health.v1.Health/Check until the server says SERVING; bounded by a deadline.

Usage: wait_serving.py HOST:PORT SECONDS. Exits 0 when SERVING, 1 with the last status or
error when the time is up.
"""

import sys
import time

import grpc

import contracts


def main(target, seconds):
    health = contracts.load_health()
    serving = health.HealthCheckResponse.ServingStatus.Value("SERVING")
    deadline = time.monotonic() + seconds
    last = "no answer yet"
    with grpc.insecure_channel(target) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check",
                                    request_serializer=health.HealthCheckRequest.SerializeToString,
                                    response_deserializer=health.HealthCheckResponse.FromString)
        while time.monotonic() < deadline:
            try:
                status = check(health.HealthCheckRequest(service=""), timeout=2).status
                if status == serving:
                    return 0
                last = health.HealthCheckResponse.ServingStatus.Name(status)
            except grpc.RpcError as error:
                last = f"{error.code().name}: {error.details()}"
            time.sleep(0.25)
    print(f"server at {target} not SERVING after {seconds}s; last answer: {last}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
