"""Helpers for tests/load/h2load.sh, using the interop suite's message classes.

  loadkit.py bodies OUTDIR                 write evaluate.bin, evaluate-full.bin (FULL detail) and
                                           health.bin (gRPC-framed requests)
  loadkit.py response-size HOST:PORT PATH BODY [OUT]
                                           call PATH once with BODY; print the response frame's size
                                           (and write the response message, unframed, to OUT)
  loadkit.py rule-set HOST:PORT            print "VERSION HASH12 LAST_RELOAD_OUTCOME"
  loadkit.py latency LOGFILE...            print latency percentiles of h2load --log-file output
  loadkit.py phases SERVER_LOG LATENCY_LOG where the time of the last calls went: the server's per-stage log lines
                                           (CDS Hooks event 6011, Debug) matched in order to h2load's latency log
  loadkit.py probe HOST:PORT SECONDS       a well-behaved client: one STANDARD Evaluate every 0.2 s on its own
                                           connection; prints calls, failures and latency percentiles
"""

import os
import re
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "interop", "python"))

import grpc  # noqa: E402

import contracts  # noqa: E402
import patients  # noqa: E402


def frame(payload):
    """gRPC length-prefixed message: flag 0 (not compressed), 4-byte big-endian length."""
    return struct.pack(">BI", 0, len(payload)) + payload


def load_contracts():
    # The generated modules are imported by the time the folder goes, so it need not outlive this call.
    with tempfile.TemporaryDirectory(prefix="ketcds-load-pb2-") as folder:
        return contracts.load_ketcds(folder)


def bodies(outdir):
    pb = load_contracts()
    request = pb.service.EvaluateRequest(request_id="load", patient=patients.crps_starting_treatment(pb))
    with open(os.path.join(outdir, "evaluate.bin"), "wb") as f:
        f.write(frame(request.SerializeToString(deterministic=True)))
    full = pb.service.EvaluateRequest(request_id="load-full", patient=patients.crps_starting_treatment(pb),
                                      detail=pb.result.RESULT_DETAIL_FULL)
    with open(os.path.join(outdir, "evaluate-full.bin"), "wb") as f:
        f.write(frame(full.SerializeToString(deterministic=True)))
    with open(os.path.join(outdir, "health.bin"), "wb") as f:
        f.write(frame(b""))


def auth_metadata():
    """The bearer token of h2load.sh --token-file (KETCDS_LOAD_TOKEN), for a server that requires one."""
    token = os.environ.get("KETCDS_LOAD_TOKEN")
    return [("authorization", "Bearer " + token)] if token else None


def response_size(target, path, body, out=None):
    with open(body, "rb") as f:
        payload = f.read()[5:]
    with grpc.insecure_channel(target) as channel:
        call = channel.unary_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
        response = call(payload, timeout=20, metadata=auth_metadata())
    if out:
        with open(out, "wb") as f:
            f.write(response)
    print(5 + len(response))


def rule_set(target):
    pb = load_contracts()
    with grpc.insecure_channel(target) as channel:
        call = channel.unary_unary("/ketcds.v1.DecisionSupportService/GetRuleSet",
                                   request_serializer=pb.service.GetRuleSetRequest.SerializeToString,
                                   response_deserializer=pb.service.GetRuleSetResponse.FromString)
        response = call(pb.service.GetRuleSetRequest(), timeout=10, metadata=auth_metadata())
    outcome = pb.ruleset.ReloadOutcome.Name(response.status.last_reload.outcome)
    print(response.identity.version, response.identity.content_sha256[:12], outcome)


def percentile(ordered, p):
    """The p-th percentile (nearest rank) of an ascending list; NaN for an empty one."""
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")


def latency(paths):
    # h2load --log-file lines: start time (us since epoch), HTTP status, duration (us).
    durations = []
    for path in paths:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    durations.append(int(parts[2]))
    if not durations:
        print("no requests logged")
        return
    durations.sort()

    def pct(p):
        return percentile(durations, p) / 1000

    print(f"n={len(durations)} p50={pct(50):.3f}ms p90={pct(90):.3f}ms p99={pct(99):.3f}ms "
          f"p99.9={pct(99.9):.3f}ms max={durations[-1] / 1000:.3f}ms")


def probe(target, seconds):
    import time
    pb = load_contracts()
    request = pb.service.EvaluateRequest(request_id="probe", patient=patients.crps_starting_treatment(pb))
    durations, failures, first_error, slowest = [], {}, {}, []
    with grpc.insecure_channel(target) as channel:
        evaluate = channel.unary_unary("/ketcds.v1.DecisionSupportService/Evaluate",
                                       request_serializer=pb.service.EvaluateRequest.SerializeToString,
                                       response_deserializer=pb.service.EvaluateResponse.FromString)
        begun = time.monotonic()
        end = begun + float(seconds)
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                evaluate(request, timeout=30)
                durations.append(time.monotonic() - started)
                slowest.append((durations[-1], started - begun))
            except grpc.RpcError as e:
                failures[e.code().name] = failures.get(e.code().name, 0) + 1
                first_error.setdefault(e.code().name, e.details())
            time.sleep(max(0.0, 0.2 - (time.monotonic() - started)))
    durations.sort()

    def pct(p):
        return percentile(durations, p) * 1000

    print(f"calls={len(durations) + sum(failures.values())} ok={len(durations)} failed={failures or 0} "
          f"p50={pct(50):.1f}ms p99={pct(99):.1f}ms max={(durations[-1] * 1000 if durations else float('nan')):.1f}ms")
    for code, details in sorted(first_error.items()):
        print(f"  first {code}: {details}")
    if slowest:
        print("  slowest: " + ", ".join(f"{d * 1000:.0f}ms at t={t:.1f}s" for d, t in sorted(slowest, reverse=True)[:3]))


HOOK_TIMED = re.compile(r"answered (\d+) in (\d+) us: read (\d+), parse (\d+), resolve (\d+), map (\d+), "
                        r"evaluate (\d+), cards (\d+), send (\d+) us; GC paused (\d+) us in (\d+) collections")
STAGES = ["read", "parse", "resolve", "map", "evaluate", "cards", "send"]


def phases(server_log, latency_log):
    # One connection, one call at a time: the server's last N lines are the N calls of the latency log, in order.
    with open(latency_log) as f:
        client = [int(line.split()[2]) for line in f if len(line.split()) == 3]
    with open(server_log) as f:
        timed = [tuple(int(g) for g in m.groups()) for m in map(HOOK_TIMED.search, f) if m]
    if len(timed) < len(client):
        print(f"phases: {len(timed)} timed server lines for {len(client)} calls; run the server with the Debug level")
        return
    calls = [{"client": c, "server": t[1], **dict(zip(STAGES, t[2:9])), "gc": t[9], "collections": t[10]}
             for c, t in zip(client, timed[-len(client):])]
    for call in calls:
        # Outside the handler: Kestrel, the thread hops to and from it, loopback and h2load itself.
        call["outside"] = call["client"] - call["server"]

    def row(name, values):
        ordered = sorted(values)
        return (f"  {name:<9} p50 {percentile(ordered, 50):>7.0f}  p90 {percentile(ordered, 90):>7.0f}  "
                f"p99 {percentile(ordered, 99):>7.0f}  max {ordered[-1]:>7.0f} us")

    print(f"where the time went, {len(calls)} calls (server stages from its log, client from h2load):")
    for name in ["client", "server", "outside"] + STAGES + ["gc"]:
        print(row(name, [call[name] for call in calls]))
    slow = sorted(calls, key=lambda call: call["client"])[-max(1, len(calls) // 100):]
    total = sum(call["client"] for call in slow)
    share = {name: sum(call[name] for call in slow) / total for name in ["outside"] + STAGES}
    print(f"slowest 1% ({len(slow)} calls, from {slow[0]['client'] / 1000:.1f} ms), share of their time: "
          + ", ".join(f"{name} {100 * value:.0f}%" for name, value in share.items())
          + f"; GC pauses (within the stages) {100 * sum(call['gc'] for call in slow) / total:.0f}%, "
          + f"{sum(1 for call in slow if call['collections'])} of them had a collection")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"bodies": lambda: bodies(*args), "response-size": lambda: response_size(*args),
     "rule-set": lambda: rule_set(*args), "latency": lambda: latency(args),
     "probe": lambda: probe(*args), "phases": lambda: phases(*args)}[command]()
