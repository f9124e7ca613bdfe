using Google.Protobuf;
using KetCds.Clinical;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Fuzz;

/// <summary>
/// The two targets. Each returns normally for any input it handles as designed (a load error, a parse error, INVALID_ARGUMENT,
/// the evaluation limit); anything else escaping is a crash, and a hang is afl++'s timeout.
/// </summary>
internal sealed class FuzzTargets : IDisposable
{
    // Rule files an input may replace, chosen by its first byte: the manifest, the vocabulary, rules, a source document.
    private static readonly string[] RuleFiles = ["ruleset.yaml", "vocabulary.yaml", "eligibility.yaml", "routes/intravenous.yaml", "sources/000_7cc7f82cad53df9d.yaml"];

    private readonly string _rules;
    private readonly ClinicalEvaluator _evaluator;

    public FuzzTargets(string shippedRules)
    {
        _rules = Path.Combine(Path.GetTempPath(), "ketcds-fuzz-" + Environment.ProcessId);
        CopyDirectory(shippedRules, _rules);
        var (evaluator, load) = ClinicalEvaluator.FromDirectory(shippedRules);
        _evaluator = evaluator ?? throw new InvalidOperationException($"the shipped rules do not load: {load.Errors.Length} errors");
    }

    /// <summary>Replaces one rule file of a private copy of the shipped rules with the input and loads the folder.</summary>
    public void LoadRules(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var file = Path.Combine(_rules, RuleFiles[input[0] % RuleFiles.Length]);
        var original = File.ReadAllBytes(file);
        File.WriteAllBytes(file, input[1..].ToArray());
        try
        {
            var (_, load) = ClinicalEvaluator.FromDirectory(_rules);
            if (!load.Succeeded && load.Errors.IsEmpty)
            {
                throw new InvalidOperationException("a failed load reported no error");
            }
        }
        finally
        {
            File.WriteAllBytes(file, original);
        }
    }

    /// <summary>The server's request path after the transport: parse an EvaluateRequest, validate and evaluate it.</summary>
    public void EvaluateRequest(ReadOnlySpan<byte> input)
    {
        EvaluateRequest request;
        try
        {
            request = Contracts.V1.EvaluateRequest.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException)
        {
            return;
        }

        try
        {
            var evaluation = _evaluator.Evaluate(request);
            if (!evaluation.IsValid && !evaluation.Violations.Any())
            {
                throw new InvalidOperationException("an invalid request reported no violation");
            }
        }
        catch (EvaluationLimitExceededException)
        {
            // Answered as RESOURCE_EXHAUSTED by the server: a designed outcome, not a crash.
        }
    }

    /// <summary>Each fuzzable rule file as it ships, behind the byte that selects it.</summary>
    public IReadOnlyList<byte[]> RuleSeeds() =>
        [.. RuleFiles.Select((file, i) => (byte[])[(byte)i, .. File.ReadAllBytes(Path.Combine(_rules, file))])];

    /// <summary>Requests of a few shapes: empty, a full patient, a patient with many repeated trials.</summary>
    public static IReadOnlyList<byte[]> RequestSeeds()
    {
        var patient = new PatientFacts
        {
            PainConditions = new PainConditionList { Conditions = { PainCondition.CrpsType1, PainCondition.DiabeticNeuropathy } },
            PainDurationMonths = 18,
            PainSeverityNrs = 8,
            ClinicianJudgesSevere = true,
            TreatmentsTried = new TreatmentHistory
            {
                Trials =
                {
                    new TreatmentTrial { Treatment = StandardTreatment.Opioids, Outcome = TreatmentOutcome.Failed },
                    new TreatmentTrial { Treatment = StandardTreatment.Anticonvulsants, Outcome = TreatmentOutcome.NotTolerated },
                },
            },
            History = new MedicalHistory { AlcoholUseDisorder = false, BladderProblems = true },
        };
        var many = patient.Clone();
        for (var i = 0; i < 200; i++)
        {
            many.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = StandardTreatment.PhysicalTherapy, Outcome = TreatmentOutcome.Partial });
        }

        return
        [
            new EvaluateRequest().ToByteArray(),
            new EvaluateRequest { RequestId = "seed-1", Patient = patient }.ToByteArray(),
            new EvaluateRequest { RequestId = "seed-2", Patient = patient, Detail = ResultDetail.Full }.ToByteArray(),
            new EvaluateRequest { RequestId = "seed-3", Patient = many }.ToByteArray(),
        ];
    }

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
