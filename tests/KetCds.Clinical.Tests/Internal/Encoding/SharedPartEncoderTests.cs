using FsCheck.Xunit;
using Google.Protobuf;
using KetCds.Clinical.Internal.Encoding;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests.Internal.Encoding;

/// <summary>The encoder must be indistinguishable from generated code: every byte equal, on real results and on edge cases.</summary>
public sealed class SharedPartEncoderTests
{
    private static readonly ClinicalEvaluator Evaluator = ShippedRuleSet.Evaluator;

    public static TheoryData<string, ResultDetail> CasesAtEachDetail()
    {
        var data = new TheoryData<string, ResultDetail>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Cases, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(RepositoryPaths.Cases, file).Replace('\\', '/');
            data.Add(name, ResultDetail.Standard);
            data.Add(name, ResultDetail.Full);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAtEachDetail))]
    public void Encode_RegressionCaseResponses_MatchGeneratedCodeByteForByte(string caseFile, ResultDetail detail)
    {
        var (loaded, error) = RegressionCaseFile.Load(Path.Combine(RepositoryPaths.Cases, caseFile));
        Assert.True(loaded is not null, error);
        var evaluation = Evaluator.Evaluate(loaded.Request.Patient, detail);
        if (!evaluation.IsValid)
        {
            return;
        }

        var response = new EvaluateResponse { RequestId = loaded.Id, Result = evaluation.Result, RuleSet = Evaluator.Identity };
        var batch = new EvaluateBatchResponse { CaseId = loaded.Id, Result = evaluation.Result, RuleSet = Evaluator.Identity };

        Assert.Equal(response.ToByteArray(), Evaluator.Encode(response));
        Assert.Equal(batch.ToByteArray(), Evaluator.Encode(batch));
        Assert.Equal(evaluation.Result!.ToByteArray(), Evaluator.Encode(evaluation.Result));
        Assert.Equal(response.ToByteArray(), EncodedTo(Evaluator.EncodeTo, response));
        Assert.Equal(batch.ToByteArray(), EncodedTo(Evaluator.EncodeTo, batch));
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 300)]
    public void Encode_GeneratedPatientResponse_MatchesGeneratedCodeByteForByte(ValidPatient patient, bool full)
    {
        var evaluation = Evaluator.Evaluate(patient.Facts, full ? ResultDetail.Full : ResultDetail.Standard);
        var response = new EvaluateResponse { RequestId = "p", Result = evaluation.Result, RuleSet = Evaluator.Identity };

        Assert.Equal(response.ToByteArray(), Evaluator.Encode(response));
    }

    [Fact]
    public void Encode_DefaultsAndExplicitPresence_OmitsDefaultsAndKeepsPresentZeros()
    {
        var shared = new Statement { Code = "shared", Text = "Shared text", Justification = new Justification { RuleId = "r" } };
        var encoder = new SharedPartEncoder([shared], [EvaluationResult.Descriptor]);
        var result = new EvaluationResult
        {
            // Status left UNSPECIFIED (omitted); a present-but-zero optional cap field must still be written.
            Eligibility = new Eligibility { Reasons = { shared, new Statement { Code = string.Empty, Text = "fresh" } } },
            Maintenance = new MaintenanceGuidance { YearlyCap = new SessionCap { MinSessions = 0, SessionsUsed = 0, Reached = false } },
            Findings = { shared, shared },
            MissingData = { new MissingData { Field = "f", Affects = { "a", "b" } } },
            Routes =
            {
                new RouteRecommendation
                {
                    Code = "route",
                    Route = Route.Iv,
                    ExpectedRelief = { new ReliefEstimate { Range = new ReliefRange { Kind = ReliefRangeKind.Bounded, Lower = new TimeAmount { Value = -0.0 } } } },
                },
            },
        };

        Assert.Equal(result.ToByteArray(), encoder.Encode(result));
        Assert.Equal(new EvaluationResult().ToByteArray(), encoder.Encode(new EvaluationResult()));
        Assert.Equal(result.ToByteArray(), EncodedTo(encoder.EncodeTo, result));
    }

    [Fact]
    public void Encode_SharedPartOnItsOwn_ReturnsACopyOfItsEncoding()
    {
        var shared = new Statement { Code = "shared", Text = "Shared text" };
        var encoder = new SharedPartEncoder([shared], [EvaluationResult.Descriptor]);

        var first = encoder.Encode(shared);
        first[0] ^= 0xFF;

        Assert.Equal(shared.ToByteArray(), encoder.Encode(shared));
        Assert.Equal(shared.ToByteArray(), EncodedTo(encoder.EncodeTo, shared));
    }

    [Fact]
    public void Encode_TypeOutsideThePlan_UsesGeneratedCode()
    {
        var encoder = new SharedPartEncoder([], [EvaluationResult.Descriptor]);
        var patient = TestPatients.CompleteCrps();

        Assert.Equal(patient.ToByteArray(), encoder.Encode(patient));
        Assert.Equal(patient.ToByteArray(), EncodedTo(encoder.EncodeTo, patient));
    }

    // What EncodeTo writes into a writer handing out small spans; the length it announced must be what it wrote.
    private static byte[] EncodedTo(Action<IMessage, Func<int, System.Buffers.IBufferWriter<byte>>> encodeTo, IMessage message)
    {
        var writer = new SmallSpanBufferWriter(maxSpan: 7);
        var announced = -1;
        encodeTo(message, length =>
        {
            Assert.Equal(-1, announced);
            announced = length;
            return writer;
        });

        Assert.Equal(announced, writer.Written.Length);
        return writer.Written;
    }
}
