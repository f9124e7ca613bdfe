"""Fixtures shared by the interop tests: the server address, message classes and a channel.

The server is started by tests/interop/run.sh, which passes its address in KETCDS_TARGET
(host:port on loopback). Without it the tests fail at once rather than guess a port.
"""

import os
import types

import grpc
import pytest

import contracts

SERVICE = "ketcds.v1.DecisionSupportService"


@pytest.fixture(scope="session")
def target():
    value = os.environ.get("KETCDS_TARGET")
    if not value:
        pytest.fail("KETCDS_TARGET is not set: run tests/interop/run.sh, or start the server and "
                    "set KETCDS_TARGET=127.0.0.1:PORT", pytrace=False)
    host = value.rsplit(":", 1)[0]
    if host not in ("127.0.0.1", "localhost", "[::1]"):
        pytest.fail(f"KETCDS_TARGET must be a loopback address, got {value}", pytrace=False)
    return value


@pytest.fixture(scope="session")
def pb(tmp_path_factory):
    return contracts.load_ketcds(str(tmp_path_factory.mktemp("ketcds_pb2")))


@pytest.fixture(scope="session")
def rpc_status():
    return contracts.load_google_rpc()


@pytest.fixture(scope="session")
def health_pb():
    return contracts.load_health()


@pytest.fixture
def channel(target):
    with grpc.insecure_channel(target) as ch:
        yield ch


def _method(channel, kind, path, request_cls, response_cls):
    factory = getattr(channel, kind)
    return factory(path, request_serializer=request_cls.SerializeToString,
                   response_deserializer=response_cls.FromString)


@pytest.fixture
def api(channel, pb):
    """Callables for each ketcds.v1 method on a fresh channel."""
    s = pb.service
    return types.SimpleNamespace(
        evaluate=_method(channel, "unary_unary", f"/{SERVICE}/Evaluate", s.EvaluateRequest, s.EvaluateResponse),
        evaluate_batch=_method(channel, "stream_stream", f"/{SERVICE}/EvaluateBatch",
                               s.EvaluateBatchRequest, s.EvaluateBatchResponse),
        get_rule_set=_method(channel, "unary_unary", f"/{SERVICE}/GetRuleSet",
                             s.GetRuleSetRequest, s.GetRuleSetResponse),
        list_rules=_method(channel, "unary_unary", f"/{SERVICE}/ListRules", s.ListRulesRequest, s.ListRulesResponse),
        get_source_catalog=_method(channel, "unary_unary", f"/{SERVICE}/GetSourceCatalog",
                                   s.GetSourceCatalogRequest, s.GetSourceCatalogResponse),
    )


@pytest.fixture
def health(channel, health_pb):
    return types.SimpleNamespace(
        check=_method(channel, "unary_unary", "/grpc.health.v1.Health/Check",
                      health_pb.HealthCheckRequest, health_pb.HealthCheckResponse),
        watch=_method(channel, "unary_stream", "/grpc.health.v1.Health/Watch",
                      health_pb.HealthCheckRequest, health_pb.HealthCheckResponse),
    )
