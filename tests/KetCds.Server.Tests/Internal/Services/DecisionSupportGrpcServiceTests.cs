using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using KetCds.Client;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Server.Tests.Internal.Services;

public sealed class DecisionSupportGrpcServiceTests(ShippedRulesServer fixture) : IClassFixture<ShippedRulesServer>
{
    private DecisionSupportClient Client => fixture.Server.Client;

    [Fact]
    public async Task Evaluate_EligibleCrpsPatient_ReturnsEligibleWithIvRoutesAndTheLoadedIdentity()
    {
        var response = await Client.EvaluateAsync(new EvaluateRequest { RequestId = "crps-1", Patient = Patients.EligibleCrps() });

        Assert.Equal("crps-1", response.RequestId);
        Assert.Equal(EligibilityStatus.Eligible, response.Result.Eligibility.Status);
        var ivRoutes = response.Result.Routes.Where(r => r.Route == Contracts.V1.Route.Iv).ToList();
        Assert.NotEmpty(ivRoutes);
        Assert.Contains(ivRoutes, r => r.ExpectedRelief.Count > 0);
        Assert.All(ivRoutes.SelectMany(r => r.ExpectedRelief), e => Assert.False(string.IsNullOrEmpty(e.SourceId)));
        Assert.Equal(fixture.Rules.LoadIdentity(), response.RuleSet);
    }

    [Fact]
    public async Task Evaluate_SamePatientTwice_ReturnsByteIdenticalResponses()
    {
        var request = new EvaluateRequest { RequestId = "same", Patient = Patients.EligibleCrps() };

        var first = await Client.EvaluateAsync(request);
        var second = await Client.EvaluateAsync(request);

        Assert.Equal(first.ToByteString(), second.ToByteString());
    }

    [Theory]
    [InlineData(ResultDetail.Unspecified)]
    [InlineData(ResultDetail.Full)]
    public async Task Evaluate_EitherDetail_AnswersExactlyWhatTheInProcessEvaluatorBuilds(ResultDetail detail)
    {
        // The server encodes responses itself (shared parts once per version); a client must not be able to tell.
        var request = new EvaluateRequest { RequestId = "same-as-in-process", Patient = Patients.EligibleCrps(), Detail = detail };
        var expected = InProcessAnswer(request);

        var response = await Client.EvaluateAsync(request);

        Assert.Equal(expected, response);
        Assert.Equal(expected.ToByteString(), response.ToByteString());
    }

    [Theory]
    [InlineData(ResultDetail.Unspecified)]
    [InlineData(ResultDetail.Full)]
    public async Task Evaluate_EitherDetail_SendsOnTheWireTheBytesGeneratedCodeWrites(ResultDetail detail)
    {
        // The answer's marshaller copies shared parts' encodings; the bytes a client receives must still be exactly what
        // protobuf's generated code writes for the same message (a client re-encoding a parsed answer could hide a difference).
        var request = new EvaluateRequest { RequestId = "wire-bytes", Patient = Patients.EligibleCrps(), Detail = detail };
        var expected = InProcessAnswer(request);
        var raw = new Method<byte[], byte[]>(
            MethodType.Unary, "ketcds.v1.DecisionSupportService", "Evaluate", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Server.Address);

        var wire = await channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(), request.ToByteArray());

        Assert.Equal(expected.ToByteArray(), wire);
    }

    [Fact]
    public async Task Evaluate_InvalidPatient_FailsWithInvalidArgumentListingEveryViolationAndNoPatientValue()
    {
        var request = new EvaluateRequest { RequestId = "bad-1", Patient = Patients.WithTwoInvalidFields() };

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("the request has 2 invalid fields", ex.Status.Detail);
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.Equal(ex.Status.Detail, status.Message);
        var detail = Assert.Single(status.Details);
        Assert.True(detail.Is(BadRequest.Descriptor), detail.TypeUrl);
        var fields = detail.Unpack<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["patient.pain_severity_nrs", "patient.treatments_tried.trials[1].outcome"], fields.Order(StringComparer.Ordinal));
        Assert.Equal(fields, ex.FieldViolations().Select(v => v.Field));
        Assert.DoesNotContain("42", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("987", ex.Status.Detail, StringComparison.Ordinal);
        Assert.All(ex.FieldViolations(), v => Assert.DoesNotContain("987", v.Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_NoPatient_FailsWithInvalidArgumentNamingPatient()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(new EvaluateRequest { RequestId = "empty" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("the request has 1 invalid field", ex.Status.Detail);
        Assert.Equal("patient", Assert.Single(ex.FieldViolations()).Field);
    }

    [Fact]
    public async Task EvaluateBatch_ManyPatientsWithAnInvalidItemMidStream_AnswersEveryItemInOrder()
    {
        const int count = 40;
        const int invalidIndex = 17;

        var responses = new List<EvaluateBatchResponse>();
        await foreach (var response in Client.EvaluateBatchAsync(Items(count, invalidIndex)))
        {
            responses.Add(response);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"case-{i}"), responses.Select(r => r.CaseId));
        var identity = fixture.Rules.LoadIdentity();
        Assert.All(responses, r => Assert.Equal(identity, r.RuleSet));
        for (var i = 0; i < count; i++)
        {
            if (i == invalidIndex)
            {
                Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Error, responses[i].OutcomeCase);
                Assert.Equal(BatchItemErrorCode.InvalidArgument, responses[i].Error.Code);
                Assert.Equal(2, responses[i].Error.Violations.Count);
            }
            else
            {
                Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Result, responses[i].OutcomeCase);
                Assert.Equal(EligibilityStatus.Eligible, responses[i].Result.Eligibility.Status);
            }
        }
    }

    [Fact]
    public async Task EvaluateBatch_ValidAndInvalidItems_AnswerExactlyWhatTheInProcessEvaluatorBuilds()
    {
        var (evaluator, load) = Clinical.ClinicalEvaluator.FromDirectory(fixture.Rules.Directory);
        Assert.True(evaluator is not null, string.Join("\n", load.Errors));
        var items = new[]
        {
            new EvaluateBatchRequest { CaseId = "standard", Patient = Patients.EligibleCrps() },
            new EvaluateBatchRequest { CaseId = "full", Patient = Patients.EligibleCrps(), Detail = ResultDetail.Full },
            new EvaluateBatchRequest { CaseId = "invalid", Patient = Patients.WithTwoInvalidFields() },
        };

        var responses = new List<EvaluateBatchResponse>();
        await foreach (var response in Client.EvaluateBatchAsync(items.ToAsyncEnumerable()))
        {
            responses.Add(response);
        }

        Assert.Equal(3, responses.Count);
        for (var i = 0; i < 2; i++)
        {
            var expected = new EvaluateBatchResponse
            {
                CaseId = items[i].CaseId,
                Result = evaluator.Evaluate(items[i].Patient, items[i].Detail).Result,
                RuleSet = evaluator.Identity,
            };
            Assert.Equal(expected.ToByteString(), responses[i].ToByteString());
        }

        Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Error, responses[2].OutcomeCase);
    }

    [Fact]
    public async Task EvaluateBatch_ItemsSentOneAtATime_AnswersEachBeforeTheNextIsSent()
    {
        var answered = new SemaphoreSlim(0);
        var responses = new List<string>();

        async IAsyncEnumerable<EvaluateBatchRequest> OneAtATime()
        {
            for (var i = 0; i < 3; i++)
            {
                yield return new EvaluateBatchRequest { CaseId = $"step-{i}", Patient = Patients.EligibleCrps() };

                // The next item is only sent after the server has answered this one: the stream is read incrementally.
                Assert.True(await answered.WaitAsync(TimeSpan.FromSeconds(10)), $"no answer for step-{i} before the next item");
            }
        }

        await foreach (var response in Client.EvaluateBatchAsync(OneAtATime()))
        {
            responses.Add(response.CaseId);
            answered.Release();
        }

        Assert.Equal(["step-0", "step-1", "step-2"], responses);
    }

    [Fact]
    public async Task GetRuleSet_AfterStart_ReturnsTheLoadedIdentityWithRuleCountAndNoReload()
    {
        var response = await Client.GetRuleSetAsync();

        Assert.Equal(fixture.Rules.LoadIdentity(), response.Identity);
        var rules = await Client.ListRulesAsync();
        Assert.Equal(rules.Rules.Count, response.Status.RuleCount);
        Assert.NotNull(response.Status.LoadedAt);
        Assert.True(response.Status.LoadedAt.Seconds > 0);
    }

    [Fact]
    public async Task ListRules_ShippedRules_ReturnsEveryRuleOrderedByIdWithFilesAndCitations()
    {
        var response = await Client.ListRulesAsync();

        Assert.Equal(fixture.Rules.LoadIdentity(), response.RuleSet);
        Assert.True(response.Rules.Count > 10);
        Assert.Equal(response.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), response.Rules.Select(r => r.Id));
        var eligible = Assert.Single(response.Rules, r => r.Id == "eligibility.second-line-reason");
        Assert.Equal("eligibility.yaml", eligible.File);
        Assert.Contains("review.second-line-severe", eligible.ClaimIds);
        Assert.Contains("eligibility.second-line-refractory", eligible.OutcomeCodes);
    }

    [Fact]
    public async Task GetSourceCatalog_ShippedRules_ReturnsTheFourDocumentsWithClaimsLinkedToRules()
    {
        var response = await Client.GetSourceCatalogAsync();

        Assert.Equal(fixture.Rules.LoadIdentity(), response.RuleSet);
        Assert.Equal(4, response.Documents.Count);
        Assert.Contains(response.Documents, d => d.Kind == SourceKind.ReviewArticle);
        Assert.Contains(response.Documents, d => d.Kind == SourceKind.ProductPromotion);
        var claim = response.Documents.SelectMany(d => d.Claims).Single(c => c.Id == "review.second-line-severe");
        Assert.Contains("eligibility.eligible", claim.EncodedByRuleIds);
        Assert.All(response.Documents.SelectMany(d => d.Claims), c =>
            Assert.True(c.EncodedByRuleIds.Count > 0 || c.NotEncodedReason.Length > 0, c.Id));
    }

    [Fact]
    public async Task CheckHealth_ValidRulesLoaded_IsServingOverallAndForTheService()
    {
        Assert.Equal(ServingStatus.Serving, await Client.CheckHealthAsync(""));
        Assert.Equal(ServingStatus.Serving, await Client.CheckHealthAsync("ketcds.v1.DecisionSupportService"));
    }

    private static async IAsyncEnumerable<EvaluateBatchRequest> Items(int count, int invalidIndex)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return new EvaluateBatchRequest
            {
                CaseId = $"case-{i}",
                Patient = i == invalidIndex ? Patients.WithTwoInvalidFields() : Patients.EligibleCrps(),
            };
        }
    }

    // What the in-process evaluator over the same rules answers: what the server must send, byte for byte.
    private EvaluateResponse InProcessAnswer(EvaluateRequest request)
    {
        var (evaluator, load) = Clinical.ClinicalEvaluator.FromDirectory(fixture.Rules.Directory);
        Assert.True(evaluator is not null, string.Join("\n", load.Errors));
        return new EvaluateResponse { RequestId = request.RequestId, Result = evaluator.Evaluate(request).Result, RuleSet = evaluator.Identity };
    }
}
