using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

public sealed class DecisionDiffTests
{
    private static DecisionSummary Summary(params string[] findings)
    {
        var summary = new DecisionSummary { Eligibility = EligibilityStatus.Eligible };
        summary.FindingCodes.AddRange(findings);
        summary.Routes.Add(new RouteSummary { Code = "route.iv.single-infusion", Route = Route.Iv, Protocol = RouteProtocol.SingleInfusion });
        return summary;
    }

    [Fact]
    public void Compare_EqualDecisions_HasNoChanges()
    {
        Assert.Empty(DecisionDiff.Compare(Summary("a", "b"), Summary("a", "b")));
    }

    [Fact]
    public void Compare_SameCodesInAnotherOrder_HasNoChanges()
    {
        Assert.Empty(DecisionDiff.Compare(Summary("a", "b"), Summary("b", "a")));
    }

    [Fact]
    public void Compare_ChangedEligibility_ReportsBeforeAndAfter()
    {
        var after = Summary();
        after.Eligibility = EligibilityStatus.NeedsReview;

        var change = Assert.Single(DecisionDiff.Compare(Summary(), after));

        Assert.Equal("eligibility", change.Path);
        Assert.Equal("eligibility: \"ELIGIBILITY_STATUS_ELIGIBLE\" -> \"ELIGIBILITY_STATUS_NEEDS_REVIEW\"", change.ToString());
    }

    [Fact]
    public void Compare_InsertedRoute_ReadsAsOneAddedRouteByCode()
    {
        var after = Summary();
        after.Routes.Insert(0, new RouteSummary { Code = "route.iv.booster", Route = Route.Iv, Protocol = RouteProtocol.PeriodicBooster });

        var change = Assert.Single(DecisionDiff.Compare(Summary(), after));

        Assert.Equal("routes[route.iv.booster]", change.Path);
        Assert.Null(change.Before);
        Assert.StartsWith("routes[route.iv.booster]: added ", change.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RemovedFinding_ReadsAsRemoved()
    {
        var change = Assert.Single(DecisionDiff.Compare(Summary("a", "b"), Summary("a")));

        Assert.Equal("findingCodes[b]: removed \"b\"", change.ToString());
    }

    [Fact]
    public void Compare_ChangedReliefBound_PointsAtTheClaim()
    {
        SourcedRelief Relief(double weeks) => new()
        {
            SourceId = "000", ClaimId = "review.x",
            Range = new ReliefRange { Kind = ReliefRangeKind.UpTo, Upper = new TimeAmount { Value = weeks, Unit = TimeUnit.Weeks } },
        };
        var before = Summary();
        before.Routes[0].Relief.Add(Relief(2));
        var after = Summary();
        after.Routes[0].Relief.Add(Relief(3));

        var change = Assert.Single(DecisionDiff.Compare(before, after));

        Assert.Equal("routes[route.iv.single-infusion].relief[review.x].range.upper.value", change.Path);
    }
}
