"""Evaluate through grpcio (C-core): a real result, validation errors, size limit, compression."""

import grpc
import pytest

import patients


class EvaluateTests:
    def Evaluate_EligibleCrpsPatientStartingTreatment_ReturnsEligibleWithAttributedIvRelief(self, api, pb):
        request = pb.service.EvaluateRequest(request_id="interop-py-crps-1",
                                             patient=patients.crps_starting_treatment(pb))

        response = api.evaluate(request, timeout=20)

        assert response.request_id == "interop-py-crps-1"
        assert response.result.eligibility.status == pb.result.ELIGIBILITY_STATUS_ELIGIBLE
        assert response.rule_set.version and response.rule_set.content_sha256
        iv = [r for r in response.result.routes if r.route == pb.route.ROUTE_IV]
        assert iv, f"no IV route in {[r.code for r in response.result.routes]}"
        estimates = [e for r in iv for e in r.expected_relief]
        assert estimates, "IV routes carry no relief estimate"
        for estimate in estimates:
            assert estimate.source_id, f"relief estimate without source id: {estimate}"
            assert estimate.claim_id, f"relief estimate without claim id: {estimate}"
            assert estimate.range.kind != pb.result.RELIEF_RANGE_KIND_UNSPECIFIED

    def Evaluate_SameRequestTwice_ReturnsByteIdenticalResponses(self, api, pb):
        request = pb.service.EvaluateRequest(request_id="same", patient=patients.crps_starting_treatment(pb))

        first = api.evaluate(request, timeout=20)
        second = api.evaluate(request, timeout=20)

        assert first.SerializeToString(deterministic=True) == second.SerializeToString(deterministic=True)

    def Evaluate_PainSeverity42_ReturnsInvalidArgumentWithBadRequestDetail(self, api, pb, rpc_status):
        patient = patients.crps_starting_treatment(pb)
        patient.pain_severity_nrs = 42

        with pytest.raises(grpc.RpcError) as raised:
            api.evaluate(pb.service.EvaluateRequest(patient=patient), timeout=20)

        error = raised.value
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
        raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
        assert raw, f"no grpc-status-details-bin in trailers {error.trailing_metadata()}"
        status = rpc_status.Status.FromString(raw)
        assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        assert status.message == error.details()
        bad_requests = []
        for detail in status.details:
            if detail.type_url.endswith("/google.rpc.BadRequest"):
                bad_request = rpc_status.BadRequest()
                assert detail.Unpack(bad_request)
                bad_requests.append(bad_request)
        assert len(bad_requests) == 1, [d.type_url for d in status.details]
        fields = [v.field for v in bad_requests[0].field_violations]
        assert fields == ["patient.pain_severity_nrs"]
        assert bad_requests[0].field_violations[0].description

    def Evaluate_MissingPatient_ReturnsInvalidArgumentNamingPatient(self, api, pb, rpc_status):
        with pytest.raises(grpc.RpcError) as raised:
            api.evaluate(pb.service.EvaluateRequest(request_id="no-patient"), timeout=20)

        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        raw = dict(raised.value.trailing_metadata() or ()).get("grpc-status-details-bin")
        assert raw, "no grpc-status-details-bin in trailers"
        bad_request = rpc_status.BadRequest()
        assert rpc_status.Status.FromString(raw).details[0].Unpack(bad_request)
        assert [v.field for v in bad_request.field_violations] == ["patient"]

    def Evaluate_RequestOver4MiB_ReturnsResourceExhausted(self, api, pb):
        request = pb.service.EvaluateRequest(request_id="x" * (4 * 1024 * 1024 + 16),
                                             patient=patients.crps_starting_treatment(pb))

        with pytest.raises(grpc.RpcError) as raised:
            api.evaluate(request, timeout=20)

        assert raised.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, \
            f"{raised.value.code()}: {raised.value.details()}"
        assert api.evaluate(pb.service.EvaluateRequest(patient=patients.crps_starting_treatment(pb)),
                            timeout=20).result.eligibility.status

    def Evaluate_GzipCompressedRequest_Succeeds(self, target, pb):
        with grpc.insecure_channel(target, compression=grpc.Compression.Gzip) as channel:
            evaluate = channel.unary_unary("/ketcds.v1.DecisionSupportService/Evaluate",
                                           request_serializer=pb.service.EvaluateRequest.SerializeToString,
                                           response_deserializer=pb.service.EvaluateResponse.FromString)
            request = pb.service.EvaluateRequest(request_id="gzip", patient=patients.crps_starting_treatment(pb))

            response, call = evaluate.with_call(request, timeout=20, compression=grpc.Compression.Gzip)

        assert call.code() == grpc.StatusCode.OK
        assert response.request_id == "gzip"
        assert response.result.eligibility.status == pb.result.ELIGIBILITY_STATUS_ELIGIBLE
