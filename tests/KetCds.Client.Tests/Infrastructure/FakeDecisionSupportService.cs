using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>
/// A scriptable ketcds.v1 service on grpc-dotnet's generated base: validates like the real one (patient required,
/// NRS 0-10) and lets a test inject failures per call number. Counts every call it receives.
/// </summary>
internal sealed class FakeDecisionSupportService : DecisionSupportService.DecisionSupportServiceBase
{
    private int _evaluateCalls;
    private int _batchCalls;
    private int _ruleSetCalls;

    public static RuleSetIdentity Identity { get; } = new() { Name = "fake-rules", Version = "1.2.3", ContentSha256 = new string('a', 64) };

    /// <summary>Runs before Evaluate's normal behaviour with the 1-based call number; may throw or delay.</summary>
    public Func<int, ServerCallContext, Task>? BeforeEvaluate { get; init; }

    /// <summary>Runs before GetRuleSet's normal behaviour with the 1-based call number; may throw or delay.</summary>
    public Func<int, ServerCallContext, Task>? BeforeGetRuleSet { get; init; }

    /// <summary>Runs before the batch stream is read, with the 1-based call number; may throw.</summary>
    public Func<int, ServerCallContext, Task>? BeforeBatch { get; init; }

    /// <summary>Bytes of filler added to each EvaluateResponse (as a finding's text), to test size limits.</summary>
    public int EvaluatePadding { get; init; }

    public int EvaluateCalls => Volatile.Read(ref _evaluateCalls);

    public int BatchCalls => Volatile.Read(ref _batchCalls);

    public int RuleSetCalls => Volatile.Read(ref _ruleSetCalls);

    /// <summary>Case ids of batch items in the order the server received them, with the number of responses already sent.</summary>
    public List<(string CaseId, int ResponsesSentBefore)> BatchArrivals { get; } = [];

    public static IReadOnlyList<FieldViolation> Validate(PatientFacts? patient)
    {
        if (patient is null)
        {
            return [new FieldViolation { Field = "patient", Description = "is required" }];
        }

        var violations = new List<FieldViolation>();
        if (patient.HasPainSeverityNrs && patient.PainSeverityNrs is < 0 or > 10)
        {
            violations.Add(new FieldViolation { Field = "patient.pain_severity_nrs", Description = $"must be between 0 and 10, was {patient.PainSeverityNrs}" });
        }

        if (patient.HasPainDurationMonths && patient.PainDurationMonths < 0)
        {
            violations.Add(new FieldViolation { Field = "patient.pain_duration_months", Description = "must not be negative" });
        }

        return violations;
    }

    public override async Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
    {
        var call = Interlocked.Increment(ref _evaluateCalls);
        if (BeforeEvaluate is not null)
        {
            await BeforeEvaluate(call, context);
        }

        var violations = Validate(request.Patient);
        if (violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = $"{violations.Count} field(s) of the request are invalid" };
            status.Details.Add(Any.Pack(badRequest));
            throw status.ToRpcException();
        }

        var result = new EvaluationResult();
        if (EvaluatePadding > 0)
        {
            result.Findings.Add(new Statement { Text = new string('x', EvaluatePadding) });
        }

        return new EvaluateResponse { RequestId = request.RequestId, Result = result, RuleSet = Identity };
    }

    public override async Task EvaluateBatch(
        IAsyncStreamReader<EvaluateBatchRequest> requestStream, IServerStreamWriter<EvaluateBatchResponse> responseStream, ServerCallContext context)
    {
        var call = Interlocked.Increment(ref _batchCalls);
        if (BeforeBatch is not null)
        {
            await BeforeBatch(call, context);
        }

        var sent = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            lock (BatchArrivals)
            {
                BatchArrivals.Add((request.CaseId, sent));
            }

            var response = new EvaluateBatchResponse { CaseId = request.CaseId, RuleSet = Identity };
            var violations = Validate(request.Patient);
            if (violations.Count > 0)
            {
                var error = new BatchItemError { Code = BatchItemErrorCode.InvalidArgument, Message = "the patient is invalid" };
                error.Violations.AddRange(violations);
                response.Error = error;
            }
            else
            {
                response.Result = new EvaluationResult();
            }

            await responseStream.WriteAsync(response, context.CancellationToken);
            sent++;
        }
    }

    public override async Task<GetRuleSetResponse> GetRuleSet(GetRuleSetRequest request, ServerCallContext context)
    {
        var call = Interlocked.Increment(ref _ruleSetCalls);
        if (BeforeGetRuleSet is not null)
        {
            await BeforeGetRuleSet(call, context);
        }

        return new GetRuleSetResponse { Identity = Identity, Status = new RuleSetStatus { RuleCount = 42 } };
    }

    public override Task<ListRulesResponse> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var response = new ListRulesResponse { RuleSet = Identity };
        response.Rules.Add(new RuleInfo { Id = "eligibility.nrs", Title = "Pain severity threshold", Priority = 10 });
        response.Rules.Add(new RuleInfo { Id = "risk.psychosis", Title = "Psychosis history", Priority = 20 });
        return Task.FromResult(response);
    }

    public override Task<GetSourceCatalogResponse> GetSourceCatalog(GetSourceCatalogRequest request, ServerCallContext context)
    {
        var response = new GetSourceCatalogResponse { RuleSet = Identity };
        response.Documents.Add(new SourceDocument { Id = "000", Title = "Review", Kind = SourceKind.ReviewArticle });
        return Task.FromResult(response);
    }

    /// <summary>Fails the current call with <paramref name="code"/>.</summary>
    public static Task Fail(StatusCode code, string detail) => throw new RpcException(new Grpc.Core.Status(code, detail));
}
