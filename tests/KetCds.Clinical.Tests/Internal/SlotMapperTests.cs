using FsCheck.Xunit;
using Google.Protobuf;
using KetCds.Clinical.Internal;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Tests.Internal;

/// <summary>
/// The fast path (patient set straight into a buffer, result built from it) against the engine-result path it
/// replaces (facts by name, the engine's result): byte-identical results, the same working memory, and the same
/// engine result when it is asked for afterwards.
/// </summary>
public sealed class SlotMapperTests
{
    private static readonly ClinicalEvaluator Evaluator = ShippedRuleSet.Evaluator;

    private static readonly StandardParts Standard = new(Evaluator.RuleSet);

    private static readonly ReasonCache Reasons = new(Evaluator.RuleSet);

    private static readonly IndexedParts Indexed = new(Evaluator.RuleSet, Standard);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Cases, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Cases, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_RegressionCase_SameAsEngineResultPath(string caseFile)
    {
        var (loaded, error) = RegressionCaseFile.Load(Path.Combine(RepositoryPaths.Cases, caseFile));
        Assert.True(loaded is not null, error);
        if (loaded.Request.Patient is { } patient && PatientValidator.Validate(patient, ResultDetail.Standard).IsEmpty)
        {
            AssertSameAsEngineResultPath(patient);
        }
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 500)]
    public void Evaluate_GeneratedPatient_SameAsEngineResultPath(ValidPatient patient) =>
        AssertSameAsEngineResultPath(patient.Facts);

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 300)]
    public void Map_GeneratedPatient_SameWorkingMemoryAsFactsByName(ValidPatient patient, ValidPatient previous)
    {
        var set = Evaluator.RuleSet.Compiled;
        var slots = InputSlots.For(set)!;
        var byName = set.CreateBuffer();
        set.Evaluate(FactMapper.Map(patient.Facts, _ => true), byName);
        var byPosition = set.CreateBuffer();

        // A buffer that held another patient must not leak anything into the next.
        Assert.True(SlotMapper.Map(previous.Facts, slots, byPosition));
        byPosition.Evaluate();
        Assert.True(SlotMapper.Map(patient.Facts, slots, byPosition));
        byPosition.Evaluate();

        Assert.Equal(byName.Outcomes().ToArray(), byPosition.Outcomes().ToArray());
        Assert.Equal(byName.DataRequests().ToArray(), byPosition.DataRequests().ToArray());
        Assert.Equal(Render(byName.MissingFacts()), Render(byPosition.MissingFacts()));
        Assert.All(set.Model.Facts, f => Assert.Equal(byName.GetFact(f.Name), byPosition.GetFact(f.Name)));
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 500)]
    public void KnownMissingData_GeneratedPatient_SameAsMissingDataForAnyFacts(ValidPatient patient)
    {
        var engine = Evaluator.EvaluateEngine(patient.Facts);
        var known = new Google.Protobuf.Collections.RepeatedField<MissingData>();
        var any = new Google.Protobuf.Collections.RepeatedField<MissingData>();

        Assert.True(ResultBuilder.KnownMissingData(engine.DataRequests, engine.MissingFacts, new ReasonCache(Evaluator.RuleSet), known));
        ResultBuilder.AnyMissingData(engine.DataRequests, engine.MissingFacts, new ReasonCache(Evaluator.RuleSet), any);
        Assert.Equal(any, known);
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 500)]
    public void IndexedMissingData_GeneratedPatient_SameAsKnownMissingData(ValidPatient patient)
    {
        // Entries made for this call (a fresh cache) and entries met before (the shared cache) against the lists by name.
        var engine = Evaluator.EvaluateEngine(patient.Facts);
        var known = new Google.Protobuf.Collections.RepeatedField<MissingData>();
        Assert.True(ResultBuilder.KnownMissingData(engine.DataRequests, engine.MissingFacts, new ReasonCache(Evaluator.RuleSet), known));

        var set = Evaluator.RuleSet.Compiled;
        var buffer = set.CreateBuffer();
        Assert.True(SlotMapper.Map(patient.Facts, InputSlots.For(set)!, buffer));
        buffer.Evaluate();
        foreach (var parts in new[] { new IndexedParts(Evaluator.RuleSet, Standard), Indexed, Indexed })
        {
            var indexed = new Google.Protobuf.Collections.RepeatedField<MissingData>();
            Assert.True(IndexedMissingData.TryFill(buffer, parts, indexed));
            Assert.Equal(known, indexed);
        }
    }

    [Property(Arbitrary = [typeof(PatientArbitraries)], MaxTest = 300)]
    public void ReasonCache_GeneratedPatients_GivesTheTextItWouldMake(ValidPatient patient)
    {
        // The shared cache has seen the other generated patients too: hits and misses alike must give the made text.
        foreach (var missing in Evaluator.EvaluateEngine(patient.Facts).MissingFacts)
        {
            Assert.Equal(ReasonCache.Make(Evaluator.RuleSet, missing), Reasons.For(missing));
            Assert.Equal(ReasonCache.Make(Evaluator.RuleSet, missing), Reasons.For(missing));
        }
    }

    private static void AssertSameAsEngineResultPath(PatientFacts patient)
    {
        var fast = Evaluator.Evaluate(patient);
        var engine = Evaluator.EvaluateEngine(patient);
        var reference = ResultBuilder.Build(engine, Evaluator.RuleSet, patient, ResultDetail.Standard, Standard);

        Assert.Equal(reference.ToByteArray(), fast.Result!.ToByteArray());

        // The engine result a fast evaluation makes on first read answers as the one the slower path returns.
        Assert.Equal(engine.FiredRules.ToArray(), fast.Engine!.FiredRules.ToArray());
        Assert.Equal(engine.Outcomes.ToArray(), fast.Engine.Outcomes.ToArray());
        Assert.Equal(Render(engine.MissingFacts), Render(fast.Engine.MissingFacts));
        Assert.Equal(engine.DerivedFacts.ToArray(), fast.Engine.DerivedFacts.ToArray());
    }

    private static string Render(IEnumerable<MissingFact> missing) =>
        string.Join("\n", missing.Select(m => m.Fact + ": " + string.Join(",", m.UndecidedRules)));
}
