"""EvaluateBatch through grpcio: ordering, per-item errors, deadlines and cancellation."""

import queue
import threading

import grpc
import pytest

import patients

_END = object()


class _Requests:
    """A request iterator the test feeds by hand, so the stream stays open until it says so."""

    def __init__(self):
        self._items = queue.Queue()

    def send(self, item):
        self._items.put(item)

    def close(self):
        self._items.put(_END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._items.get(timeout=60)
        if item is _END:
            raise StopIteration
        return item


class EvaluateBatchTests:
    def EvaluateBatch_FiftyPatientsOneInvalid_AnswersInOrderAndContinues(self, api, pb):
        requests = []
        for i in range(50):
            patient = patients.varied(pb, i)
            if i == 25:
                patient.pain_severity_nrs = 42
            requests.append(pb.service.EvaluateBatchRequest(case_id=f"case-{i:02d}", patient=patient))

        responses = list(api.evaluate_batch(iter(requests), timeout=60))

        assert [r.case_id for r in responses] == [f"case-{i:02d}" for i in range(50)]
        for i, response in enumerate(responses):
            assert response.rule_set.version, f"item {i} names no rule set"
            if i == 25:
                assert response.WhichOneof("outcome") == "error"
                assert response.error.code == pb.service.BATCH_ITEM_ERROR_CODE_INVALID_ARGUMENT
                assert [v.field for v in response.error.violations] == ["patient.pain_severity_nrs"]
            else:
                assert response.WhichOneof("outcome") == "result", f"item {i}: {response.error}"
                assert response.result.eligibility.status != pb.result.ELIGIBILITY_STATUS_UNSPECIFIED

    def EvaluateBatch_DeadlineExpiresWithStreamOpen_ReturnsDeadlineExceeded(self, api, pb):
        requests = _Requests()
        call = api.evaluate_batch(requests, timeout=1.5)
        requests.send(pb.service.EvaluateBatchRequest(case_id="first", patient=patients.crps_starting_treatment(pb)))

        first = next(call)
        with pytest.raises(grpc.RpcError) as raised:
            next(call)
        requests.close()

        assert first.case_id == "first"
        assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED

    def EvaluateBatch_CancelledByClient_ClientSeesCancelledAndServerStaysHealthy(self, api, pb):
        requests = _Requests()
        call = api.evaluate_batch(requests, timeout=30)
        requests.send(pb.service.EvaluateBatchRequest(case_id="one", patient=patients.crps_starting_treatment(pb)))
        assert next(call).case_id == "one"

        call.cancel()
        requests.close()
        with pytest.raises(grpc.RpcError) as raised:
            next(call)

        assert raised.value.code() == grpc.StatusCode.CANCELLED
        after = api.evaluate(pb.service.EvaluateRequest(request_id="after-cancel",
                                                        patient=patients.crps_starting_treatment(pb)), timeout=20)
        assert after.request_id == "after-cancel"

    def EvaluateBatch_ManyCancelledStreams_ServerKeepsAnswering(self, api, pb):
        # A server that leaks or wedges on resets shows it after a few dozen, not after one.
        for i in range(40):
            requests = _Requests()
            call = api.evaluate_batch(requests, timeout=30)
            requests.send(pb.service.EvaluateBatchRequest(case_id=f"c{i}", patient=patients.varied(pb, i)))
            assert next(call).case_id == f"c{i}"
            call.cancel()
            requests.close()

        responses = list(api.evaluate_batch(iter([pb.service.EvaluateBatchRequest(
            case_id="final", patient=patients.crps_starting_treatment(pb))]), timeout=20))

        assert [r.case_id for r in responses] == ["final"]

    def EvaluateBatch_EmptyStream_EndsWithOkAndNoItems(self, api):
        call = api.evaluate_batch(iter(()), timeout=20)

        responses = list(call)

        assert responses == []
        assert call.code() == grpc.StatusCode.OK
