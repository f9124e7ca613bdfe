using KetCds.Contracts.V1;
using KetCds.Protocol;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>
/// A scriptable ketcds.v1 service: validates like the real one (patient required, NRS 0-10), echoes metadata,
/// and lets a test inject failures per call number. Counts every call it receives.
/// </summary>
internal sealed class FakeDecisionSupportService
{
    private int _evaluateCalls;
    private int _batchCalls;
    private int _ruleSetCalls;

    public static RuleSetIdentity Identity { get; } = new() { Name = "fake-rules", Version = "1.2.3", ContentSha256 = new string('a', 64) };

    /// <summary>Runs before Evaluate's normal behaviour with the 1-based call number; may throw or delay.</summary>
    public Func<int, GrpcCallContext, Task>? BeforeEvaluate { get; init; }

    /// <summary>Runs before GetRuleSet's normal behaviour with the 1-based call number; may throw or delay.</summary>
    public Func<int, GrpcCallContext, Task>? BeforeGetRuleSet { get; init; }

    /// <summary>Runs before the batch stream is read, with the 1-based call number; may throw.</summary>
    public Func<int, GrpcCallContext, Task>? BeforeBatch { get; init; }

    /// <summary>Bytes of filler added to each EvaluateResponse (as a finding's text), to test size limits.</summary>
    public int EvaluatePadding { get; init; }

    public int EvaluateCalls => Volatile.Read(ref _evaluateCalls);

    public int BatchCalls => Volatile.Read(ref _batchCalls);

    public int RuleSetCalls => Volatile.Read(ref _ruleSetCalls);

    /// <summary>Case ids of batch items in the order the server received them, with the number of responses already sent.</summary>
    public List<(string CaseId, int ResponsesSentBefore)> BatchArrivals { get; } = [];

    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<EvaluateRequest, EvaluateResponse>("Evaluate", EvaluateAsync)
        .DuplexStreaming<EvaluateBatchRequest, EvaluateBatchResponse>("EvaluateBatch", EvaluateBatchAsync)
        .Unary<GetRuleSetRequest, GetRuleSetResponse>("GetRuleSet", GetRuleSetAsync)
        .Unary<ListRulesRequest, ListRulesResponse>("ListRules", ListRules)
        .Unary<GetSourceCatalogRequest, GetSourceCatalogResponse>("GetSourceCatalog", GetSourceCatalog);

    public static IReadOnlyList<GrpcFieldViolation> Validate(PatientFacts? patient)
    {
        if (patient is null)
        {
            return [new GrpcFieldViolation("patient", "is required")];
        }

        var violations = new List<GrpcFieldViolation>();
        if (patient.HasPainSeverityNrs && patient.PainSeverityNrs is < 0 or > 10)
        {
            violations.Add(new GrpcFieldViolation("patient.pain_severity_nrs", $"must be between 0 and 10, was {patient.PainSeverityNrs}"));
        }

        if (patient.HasPainDurationMonths && patient.PainDurationMonths < 0)
        {
            violations.Add(new GrpcFieldViolation("patient.pain_duration_months", "must not be negative"));
        }

        return violations;
    }

    private async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, GrpcCallContext context)
    {
        var call = Interlocked.Increment(ref _evaluateCalls);
        EchoMetadata(context);
        if (BeforeEvaluate is not null)
        {
            await BeforeEvaluate(call, context);
        }

        var violations = Validate(request.Patient);
        if (violations.Count > 0)
        {
            throw GrpcException.InvalidArgument($"{violations.Count} field(s) of the request are invalid", violations);
        }

        var result = new EvaluationResult();
        if (EvaluatePadding > 0)
        {
            result.Findings.Add(new Statement { Text = new string('x', EvaluatePadding) });
        }

        return new EvaluateResponse { RequestId = request.RequestId, Result = result, RuleSet = Identity };
    }

    private async Task EvaluateBatchAsync(
        IAsyncEnumerable<EvaluateBatchRequest> requests, IGrpcStreamWriter<EvaluateBatchResponse> writer, GrpcCallContext context)
    {
        var call = Interlocked.Increment(ref _batchCalls);
        EchoMetadata(context);
        if (BeforeBatch is not null)
        {
            await BeforeBatch(call, context);
        }

        var sent = 0;
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
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
                error.Violations.AddRange(violations.Select(v => new FieldViolation { Field = v.Field, Description = v.Description }));
                response.Error = error;
            }
            else
            {
                response.Result = new EvaluationResult();
            }

            await writer.WriteAsync(response, context.CancellationToken);
            sent++;
        }
    }

    private async Task<GetRuleSetResponse> GetRuleSetAsync(GetRuleSetRequest request, GrpcCallContext context)
    {
        var call = Interlocked.Increment(ref _ruleSetCalls);
        if (BeforeGetRuleSet is not null)
        {
            await BeforeGetRuleSet(call, context);
        }

        return new GetRuleSetResponse { Identity = Identity, Status = new RuleSetStatus { RuleCount = 42 } };
    }

    private static Task<ListRulesResponse> ListRules(ListRulesRequest request, GrpcCallContext context)
    {
        var response = new ListRulesResponse { RuleSet = Identity };
        response.Rules.Add(new RuleInfo { Id = "eligibility.nrs", Title = "Pain severity threshold", Priority = 10 });
        response.Rules.Add(new RuleInfo { Id = "risk.psychosis", Title = "Psychosis history", Priority = 20 });
        return Task.FromResult(response);
    }

    private static Task<GetSourceCatalogResponse> GetSourceCatalog(GetSourceCatalogRequest request, GrpcCallContext context)
    {
        var response = new GetSourceCatalogResponse { RuleSet = Identity };
        response.Documents.Add(new SourceDocument { Id = "000", Title = "Review", Kind = SourceKind.ReviewArticle });
        return Task.FromResult(response);
    }

    private static void EchoMetadata(GrpcCallContext context)
    {
        if (context.GetRequestHeader("x-echo") is { } text)
        {
            context.AddResponseHeader("x-echo-header", text);
            context.AddResponseTrailer("x-echo-trailer", text);
        }

        if (context.GetRequestBinaryHeader("x-echo-bin") is { } bytes)
        {
            context.AddResponseHeader("x-echo-header-bin", bytes);
            context.AddResponseTrailer("x-echo-trailer-bin", bytes);
        }
    }
}
