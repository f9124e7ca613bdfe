using KetCds.CdsHooks.Internal.Fhir;
using KetCds.CdsHooks.Internal.Hooks;
using KetCds.CdsHooks.Tests.Infrastructure;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;

namespace KetCds.CdsHooks.Tests;

/// <summary>The regression patients written in FHIR by tests/cds-hooks/generate.py read back to exactly the case's facts.</summary>
public sealed class PatientFactsMapperTests
{
    public static IEnumerable<object[]> RegressionHooks => HookFile.In("regression");

    [Theory]
    [MemberData(nameof(RegressionHooks))]
    public async Task Map_RegressionPatientInFhir_GivesTheCasePatientExactly(string file)
    {
        var hook = HookFile.Load(Path.Combine(Repository.HookFiles, "regression", file));
        var (regression, _) = RegressionCaseFile.Load(Path.Combine(Repository.Root, hook.CaseFile!));
        var map = TerminologyMapLoader.Load(Repository.Terminology).Map!;
        var service = ServiceCatalog.Services(map).Single(s => s.Id == hook.Service);
        var parser = new FhirParser();
        var (request, problems) = HookRequestReader.Read(System.Text.Encoding.UTF8.GetBytes(hook.RequestJson), service, parser);
        Assert.Empty(problems);
        var resolver = new PrefetchResolver(() => throw new InvalidOperationException("nothing is fetched: no fhirServer"), parser, TimeSpan.FromSeconds(1));
        var (record, _, recordProblems) = await resolver.ResolveAsync(request!, service, CancellationToken.None);
        Assert.Empty(recordProblems);

        var mapped = PatientFactsMapper.Map(record, map, DateOnly.FromDateTime(HookServer.Today.UtcDateTime));

        Assert.Empty(mapped.Errors);
        Assert.Empty(mapped.Unmapped);
        Assert.Equal(Canonical(regression!.Request.Patient), Canonical(mapped.Facts));
    }

    // Lists in the contract are sets: the cases write them in any order, the mapper in enum order.
    private static PatientFacts Canonical(PatientFacts facts)
    {
        var copy = facts.Clone();
        Sort(copy.PainConditions?.Conditions);
        Sort(copy.CurrentMedications?.Classes);
        Sort(copy.AdjunctTherapies?.Therapies);
        Sort(copy.PriorKetamine?.RoutesUsed?.Routes);
        if (copy.TreatmentsTried is { } tried)
        {
            var trials = tried.Trials.OrderBy(t => t.Treatment).ToList();
            tried.Trials.Clear();
            tried.Trials.AddRange(trials);
        }

        return copy;
    }

    private static void Sort<T>(Google.Protobuf.Collections.RepeatedField<T>? values)
    {
        if (values is null)
        {
            return;
        }

        var sorted = values.Order().ToList();
        values.Clear();
        values.AddRange(sorted);
    }
}
