using KetCds.Client.Internal.Methods;

namespace KetCds.Client.Tests.Internal.Methods;

public sealed class ServiceMethodsTests
{
    [Fact]
    public void Methods_FromDescriptors_HaveContractPathsAndOnlyTheStreamIsNotIdempotent()
    {
        Assert.Equal(new GrpcMethod("/ketcds.v1.DecisionSupportService/Evaluate", true), ServiceMethods.Evaluate);
        Assert.Equal(new GrpcMethod("/ketcds.v1.DecisionSupportService/EvaluateBatch", false), ServiceMethods.EvaluateBatch);
        Assert.Equal(new GrpcMethod("/ketcds.v1.DecisionSupportService/GetRuleSet", true), ServiceMethods.GetRuleSet);
        Assert.Equal(new GrpcMethod("/ketcds.v1.DecisionSupportService/ListRules", true), ServiceMethods.ListRules);
        Assert.Equal(new GrpcMethod("/ketcds.v1.DecisionSupportService/GetSourceCatalog", true), ServiceMethods.GetSourceCatalog);
        Assert.Equal(new GrpcMethod("/grpc.health.v1.Health/Check", true), ServiceMethods.HealthCheck);
    }
}
