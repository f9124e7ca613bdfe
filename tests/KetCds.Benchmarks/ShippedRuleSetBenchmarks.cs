using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using KetCds.Clinical;
using KetCds.Clinical.Regression;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Benchmarks;

/// <summary>
/// The shipped clinical rule set (rules/) on a recorded case: the engine alone, the whole clinical evaluation at each
/// result detail, and the evaluation plus protobuf serialization the server does per call.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ShippedRuleSetBenchmarks
{
    private ClinicalEvaluator _evaluator = null!;
    private EvaluateRequest _standard = null!;
    private EvaluateRequest _full = null!;
    private FactSet _facts = null!;
    private EvaluateResponse _standardResponse = null!;
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly System.Buffers.ArrayBufferWriter<byte> _writer = new(1 << 20);

    /// <summary>Loads rules/ and the recorded case once, outside the measurement.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var (evaluator, load) = ClinicalEvaluator.FromDirectory(Path.Combine(root, "rules"));
        _evaluator = evaluator ?? throw new InvalidOperationException(string.Join("\n", load.Errors));
        var (recorded, error) = RegressionCaseFile.Load(Path.Combine(root, "tests", "cases", "eligibility", "crps-naive-initial-complete.json"));
        _standard = recorded?.Request ?? throw new InvalidOperationException(error);
        _full = _standard.Clone();
        _full.Detail = ResultDetail.Full;
        _facts = CaptureFacts(_standard.Patient);
        var evaluation = _evaluator.Evaluate(_standard);
        _standardResponse = new EvaluateResponse { Result = evaluation.Result, RuleSet = evaluation.RuleSet };
    }

    /// <summary>The engine alone on the case's facts.</summary>
    [Benchmark]
    public RuleSetEvaluation EngineOnly() => _evaluator.RuleSet.Compiled.Evaluate(_facts);

    /// <summary>Validation, facts mapping, evaluation and the STANDARD result.</summary>
    [Benchmark(Baseline = true)]
    public ClinicalEvaluation ClinicalStandard() => _evaluator.Evaluate(_standard);

    /// <summary>The same with FULL justification trees.</summary>
    [Benchmark]
    public ClinicalEvaluation ClinicalFull() => _evaluator.Evaluate(_full);

    /// <summary>What the server does per Evaluate call: evaluate and serialize the STANDARD response.</summary>
    [Benchmark]
    public byte[] ServerStandardResponse()
    {
        var evaluation = _evaluator.Evaluate(_standard);
        return new EvaluateResponse { Result = evaluation.Result, RuleSet = evaluation.RuleSet }.ToByteArray();
    }

    /// <summary>Serialization alone of the STANDARD response (about 9.8 KB), as the server's message writer does it: size, then write.</summary>
    [Benchmark]
    public int SerializeStandardResponse()
    {
        var size = _standardResponse.CalculateSize();
        _standardResponse.WriteTo(_buffer.AsSpan(0, size));
        return size;
    }

    /// <summary>What the server does per Evaluate call since shared parts are encoded once: evaluate and encode.</summary>
    [Benchmark]
    public byte[] ServerStandardResponseEncoded()
    {
        var evaluation = _evaluator.Evaluate(_standard);
        return _evaluator.Encode(new EvaluateResponse { Result = evaluation.Result, RuleSet = evaluation.RuleSet });
    }

    /// <summary>Encoding alone of the STANDARD response, reusing the encodings of its shared parts.</summary>
    [Benchmark]
    public byte[] EncodeStandardResponse() => _evaluator.Encode(_standardResponse);

    /// <summary>The same written into a reused buffer writer, as the server writes into the call's payload.</summary>
    [Benchmark]
    public int EncodeStandardResponseToWriter()
    {
        _writer.ResetWrittenCount();
        _evaluator.EncodeTo(_standardResponse, _ => _writer);
        return _writer.WrittenCount;
    }

    /// <summary>The same with FULL justification trees.</summary>
    [Benchmark]
    public byte[] ServerFullResponse()
    {
        var evaluation = _evaluator.Evaluate(_full);
        return new EvaluateResponse { Result = evaluation.Result, RuleSet = evaluation.RuleSet }.ToByteArray();
    }

    /// <summary>The same as the server encodes it: FULL trees repeat instances and nest deeply, which generated code re-measures.</summary>
    [Benchmark]
    public byte[] ServerFullResponseEncoded()
    {
        var evaluation = _evaluator.Evaluate(_full);
        return _evaluator.Encode(new EvaluateResponse { Result = evaluation.Result, RuleSet = evaluation.RuleSet });
    }

    private FactSet CaptureFacts(PatientFacts patient)
    {
        // The engine's input is the mapped facts; rebuild them from the evaluation so the engine benchmark measures matching only.
        var engine = _evaluator.Evaluate(patient).Engine!;
        var inputs = _evaluator.RuleSet.Compiled.Model.Facts
            .Where(f => f.Origin == FactOrigin.Input)
            .Select(f => (f.Name, Value: engine.GetFact(f.Name)))
            .Where(x => x.Value is not null)
            .Select(x => new KeyValuePair<string, TypedValue>(x.Name, x.Value!));
        return FactSet.From(inputs);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KetCds.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KetCds.sln not found above " + AppContext.BaseDirectory);
    }
}
