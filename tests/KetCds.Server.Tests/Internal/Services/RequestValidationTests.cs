using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using KetCds.Client;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;
using KetCds.Server.Tests.Infrastructure;

namespace KetCds.Server.Tests.Internal.Services;

/// <summary>What a rejected request gets back, through a real server and a real grpc-dotnet client.</summary>
public sealed class RequestValidationTests(ShippedRulesServer fixture) : IClassFixture<ShippedRulesServer>
{
    private DecisionSupportClient Client => fixture.Server.Client;

    [Fact]
    public async Task EvaluateAndEvaluateBatch_EveryRejectedRegressionCase_ReportTheSameViolations()
    {
        var (cases, errors) = RegressionCaseFile.LoadDirectory(Path.Combine(RepositoryPaths.Root, "tests", "cases", "rejected"));
        Assert.Empty(errors);
        Assert.NotEmpty(cases);
        var items = cases.Select(c => new EvaluateBatchRequest { CaseId = c.Case.Request.RequestId, Patient = c.Case.Request.Patient, Detail = c.Case.Request.Detail }).ToList();
        var batch = new List<EvaluateBatchResponse>();
        await foreach (var response in Client.EvaluateBatchAsync(items.ToAsyncEnumerable()))
        {
            batch.Add(response);
        }

        Assert.Equal(cases.Length, batch.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            var unary = (await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(cases[i].Case.Request))).GetRpcStatus()!;
            var listed = Unpack(unary).Select(v => (Field: v.Field == "request_id" ? "case_id" : v.Field, v.Description)).ToList();
            Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Error, batch[i].OutcomeCase);
            Assert.Equal(listed, batch[i].Error.Violations.Select(v => (v.Field, v.Description)).ToList());
            Assert.Equal(unary.Message, batch[i].Error.Message);
        }
    }

    [Fact]
    public async Task EvaluateAndEvaluateBatch_InvalidDetailWithAnInvalidPatient_BothReportBoth()
    {
        // Defect 2: the batch path used to stop at the detail.
        var patient = Patients.WithTwoInvalidFields();
        var unary = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(new EvaluateRequest { RequestId = "d", Patient = patient, Detail = (ResultDetail)9 }));
        var batch = await SingleBatchErrorAsync(new EvaluateBatchRequest { CaseId = "d", Patient = patient, Detail = (ResultDetail)9 });

        string[] expected = ["detail", "patient.pain_severity_nrs", "patient.treatments_tried.trials[1].outcome"];
        Assert.Equal(expected, Unpack(unary.GetRpcStatus()!).Select(v => v.Field));
        Assert.Equal(expected, batch.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task EvaluateBatch_LongCaseIdWithAnInvalidDetail_ReportsTheDetailToo()
    {
        var batch = await SingleBatchErrorAsync(new EvaluateBatchRequest { CaseId = new string('c', 200), Patient = Patients.EligibleCrps(), Detail = (ResultDetail)9 });

        Assert.Equal(["case_id", "detail"], batch.Violations.Select(v => v.Field));
    }

    [Fact]
    public async Task Evaluate_HalfAMillionRepeatedTrials_OneViolationForTheListAndASmallError()
    {
        var patient = Patients.EligibleCrps();
        var trial = new TreatmentTrial { Treatment = StandardTreatment.Opioids, Outcome = TreatmentOutcome.Failed };
        patient.TreatmentsTried.Trials.AddRange(Enumerable.Repeat(trial, 500_000));
        var request = new EvaluateRequest { RequestId = "many", Patient = patient };
        Assert.True(request.CalculateSize() > 2_500_000);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(Unpack(ex.GetRpcStatus()!));
        Assert.Equal("patient.treatments_tried.trials", violation.Field);
        Assert.Equal($"must have at most {PatientValidator.MaxListLength} entries", violation.Description);
        Assert.True(TrailerBytes(ex) < 512, $"{TrailerBytes(ex)} bytes of trailers");
    }

    [Fact]
    public async Task Evaluate_ManyViolations_ListsAtMostTheCapAndSaysHowManyMore()
    {
        var patient = Patients.EligibleCrps();
        patient.TreatmentsTried.Trials.Clear();
        patient.TreatmentsTried.Trials.AddRange(Enumerable.Range(0, PatientValidator.MaxListLength).Select(_ => new TreatmentTrial()));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(new EvaluateRequest { RequestId = "cap", Patient = patient }));

        // Each trial lacks a treatment and an outcome: 128 violations, 20 listed.
        var listed = Unpack(ex.GetRpcStatus()!);
        Assert.Equal(PatientValidator.MaxReported + 1, listed.Count);
        Assert.Equal(
            new BadRequest.Types.FieldViolation { Field = "patient.treatments_tried.trials[10].outcome", Description = "and 108 more violations from this field on, not listed" },
            listed[^1]);
        Assert.Equal("patient.treatments_tried.trials[9].treatment", listed[^2].Field);
        Assert.Equal($"the request has more than {PatientValidator.MaxReported} invalid fields", ex.Status.Detail);
        Assert.True(TrailerBytes(ex) < 4096, $"{TrailerBytes(ex)} bytes of trailers");
    }

    [Fact]
    public async Task Evaluate_ViolationsAtManyIndexes_SortedByIndexAsANumber()
    {
        var patient = Patients.EligibleCrps();
        patient.TreatmentsTried.Trials.Clear();
        patient.TreatmentsTried.Trials.AddRange(Enumerable.Range(0, 12).Select(_ => new TreatmentTrial { Treatment = (StandardTreatment)99, Outcome = TreatmentOutcome.Failed }));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(new EvaluateRequest { RequestId = "order", Patient = patient }));

        Assert.Equal(
            Enumerable.Range(0, 12).Select(i => $"patient.treatments_tried.trials[{i}].treatment"),
            Unpack(ex.GetRpcStatus()!).Select(v => v.Field));
    }

    [Fact]
    public async Task EvaluateBatch_CaseIdWithAControlCharacter_IsRejectedLikeARequestId()
    {
        var unary = await Assert.ThrowsAsync<RpcException>(() => Client.EvaluateAsync(new EvaluateRequest { RequestId = "a\nb", Patient = Patients.EligibleCrps() }));
        var batch = await SingleBatchErrorAsync(new EvaluateBatchRequest { CaseId = "a\nb", Patient = Patients.EligibleCrps() });

        Assert.Equal(("request_id", "must not contain control characters"), Unpack(unary.GetRpcStatus()!).Select(v => (v.Field, v.Description)).Single());
        Assert.Equal(("case_id", "must not contain control characters"), batch.Violations.Select(v => (v.Field, v.Description)).Single());
    }

    private async Task<BatchItemError> SingleBatchErrorAsync(EvaluateBatchRequest item)
    {
        var responses = new List<EvaluateBatchResponse>();
        await foreach (var response in Client.EvaluateBatchAsync(new[] { item }.ToAsyncEnumerable()))
        {
            responses.Add(response);
        }

        var only = Assert.Single(responses);
        Assert.Equal(EvaluateBatchResponse.OutcomeOneofCase.Error, only.OutcomeCase);
        Assert.Equal(BatchItemErrorCode.InvalidArgument, only.Error.Code);
        return only.Error;
    }

    private static List<BadRequest.Types.FieldViolation> Unpack(Google.Rpc.Status status)
    {
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var detail = Assert.Single(status.Details);
        return [.. detail.Unpack<BadRequest>().FieldViolations];
    }

    private static int TrailerBytes(RpcException ex) =>
        ex.Trailers.Sum(t => t.Key.Length + (t.IsBinary ? t.ValueBytes.Length * 4 / 3 : t.Value.Length)) + ex.Status.Detail.Length;
}
