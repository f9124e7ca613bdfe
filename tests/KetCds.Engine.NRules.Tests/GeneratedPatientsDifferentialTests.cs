using Google.Protobuf;
using KetCds.Cli.Internal.Generate;
using KetCds.Contracts.V1;
using Xunit.Abstractions;

namespace KetCds.Engine.NRules.Tests;

/// <summary>The patients of <c>ketcds generate-cases</c> (fixed seed, in process) get the same answer on both engines.</summary>
public sealed class GeneratedPatientsDifferentialTests(ITestOutputHelper output)
{
    private const long Seed = 20261202;
    private const int Count = 6_000;

    [Fact]
    public void Evaluate_GeneratedPatients_BothEnginesAgree()
    {
        var evaluated = 0;
        var mismatches = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var generated = GenerateCasesCommand.Generate(ShippedEngines.KetCds, Seed, i, 5);
            var request = generated.Request;
            var ketcds = ShippedEngines.KetCds.Evaluate(request);
            var nrules = ShippedEngines.OnNRules.Evaluate(request);
            if (ketcds.IsValid != nrules.IsValid)
            {
                mismatches.Add($"case {generated.Id}: validity differs\nrequest: {request}");
                continue;
            }

            if (!ketcds.IsValid)
            {
                continue;
            }

            evaluated++;
            var difference = Differential.FirstDifference(ShippedEngines.RuleSet.Compiled, ketcds.Engine!, nrules.Engine!)
                ?? (ketcds.Result!.ToByteArray().AsSpan().SequenceEqual(nrules.Result!.ToByteArray()) ? null : "clinical results differ");
            if (difference is not null)
            {
                mismatches.Add($"case {generated.Id} (generate-cases --seed {Seed}, index {i}): {difference}\nrequest: {request}");
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {evaluated} generated patients differ; first:\n{mismatches.FirstOrDefault()}");
        Assert.True(evaluated >= 5_000, $"only {evaluated} generated patients were valid");
        output.WriteLine($"{Count} generated cases (seed {Seed}), {evaluated} valid patients evaluated on both engines, 0 mismatches");
    }
}
