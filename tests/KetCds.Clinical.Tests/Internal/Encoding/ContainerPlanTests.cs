using KetCds.Clinical.Internal.Encoding;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests.Internal.Encoding;

public sealed class ContainerPlanTests
{
    [Fact]
    public void Build_ResponseRoots_WalksExactlyTheTypesThatHoldSharedParts()
    {
        var plan = ContainerPlan.Build([EvaluateResponse.Descriptor], new HashSet<Google.Protobuf.Reflection.MessageDescriptor> { Statement.Descriptor });

        Assert.Equal(
            new[] { nameof(Eligibility), nameof(EvaluateResponse), nameof(EvaluationResult), nameof(MaintenanceGuidance) },
            plan.Keys.Select(d => d.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_TypeWithPackedRepeatedField_IsLeftToGeneratedCode()
    {
        // RiskModifier holds a shared Justification but also a packed repeated enum, which the walker does not encode.
        var plan = ContainerPlan.Build([EvaluationResult.Descriptor], new HashSet<Google.Protobuf.Reflection.MessageDescriptor> { Justification.Descriptor });

        Assert.DoesNotContain(RiskModifier.Descriptor, plan.Keys);
        Assert.Contains(Alert.Descriptor, plan.Keys);
        Assert.Contains(RouteRecommendation.Descriptor, plan.Keys);
        Assert.Contains(EvaluationResult.Descriptor, plan.Keys);
    }
}
