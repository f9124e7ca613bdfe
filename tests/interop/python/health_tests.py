"""grpc.health.v1.Health through grpcio, with message shapes the client declares itself."""

import grpc
import pytest

SERVICE = "ketcds.v1.DecisionSupportService"


class HealthTests:
    @pytest.mark.parametrize("service", ["", SERVICE])
    def Check_KnownService_ReturnsServing(self, health, health_pb, service):
        response = health.check(health_pb.HealthCheckRequest(service=service), timeout=10)

        assert response.status == health_pb.HealthCheckResponse.ServingStatus.Value("SERVING")

    def Check_UnknownService_ReturnsNotFound(self, health, health_pb):
        with pytest.raises(grpc.RpcError) as raised:
            health.check(health_pb.HealthCheckRequest(service="no.such.Service"), timeout=10)

        assert raised.value.code() == grpc.StatusCode.NOT_FOUND

    @pytest.mark.parametrize("service", ["", SERVICE])
    def Watch_KnownService_YieldsServing(self, health, health_pb, service):
        call = health.watch(health_pb.HealthCheckRequest(service=service), timeout=10)

        first = next(call)
        call.cancel()

        assert first.status == health_pb.HealthCheckResponse.ServingStatus.Value("SERVING")
