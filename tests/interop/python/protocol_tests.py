"""Protocol edges through grpcio: unknown methods and services, metadata methods."""

import grpc
import pytest

import patients


def _raw(channel, path):
    return channel.unary_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)


class ProtocolTests:
    def Call_UnknownMethod_ReturnsUnimplemented(self, channel):
        with pytest.raises(grpc.RpcError) as raised:
            _raw(channel, "/ketcds.v1.DecisionSupportService/NoSuchMethod")(b"", timeout=10)

        assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED

    def Call_UnknownService_ReturnsUnimplemented(self, channel):
        with pytest.raises(grpc.RpcError) as raised:
            _raw(channel, "/no.such.v1.Service/Evaluate")(b"", timeout=10)

        assert raised.value.code() == grpc.StatusCode.UNIMPLEMENTED

    def GetRuleSet_AfterEvaluate_NamesTheSameRuleSet(self, api, pb):
        evaluated = api.evaluate(pb.service.EvaluateRequest(patient=patients.crps_starting_treatment(pb)), timeout=20)

        current = api.get_rule_set(pb.service.GetRuleSetRequest(), timeout=10)

        assert current.identity == evaluated.rule_set
        assert current.status.rule_count > 0

    def ListRules_CurrentRuleSet_ReturnsRulesOrderedById(self, api, pb):
        response = api.list_rules(pb.service.ListRulesRequest(), timeout=10)

        ids = [r.id for r in response.rules]
        assert ids and ids == sorted(ids)

    def GetSourceCatalog_CurrentRuleSet_ReturnsDocumentsWithClaims(self, api, pb):
        response = api.get_source_catalog(pb.service.GetSourceCatalogRequest(), timeout=10)

        assert response.documents
        assert all(d.claims for d in response.documents)
