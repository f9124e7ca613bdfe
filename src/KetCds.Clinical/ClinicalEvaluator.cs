using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Google.Protobuf;
using KetCds.Clinical.Internal;
using KetCds.Clinical.Internal.Encoding;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical;

/// <summary>
/// Evaluates patients against one loaded rule-set version; immutable and safe to share across threads.
/// Results share their rule-only parts (STANDARD statements, alerts, risk modifiers and justifications, relief
/// estimates at every detail, and STANDARD missing-data entries) with every other result of this evaluator, so treat
/// results as read-only: <c>Clone()</c> a result before changing anything in it.
/// </summary>
public sealed class ClinicalEvaluator
{
    private readonly EvaluationOptions _options;
    private readonly StandardParts _standard;
    private readonly IndexedParts _indexed;
    private readonly SharedPartEncoder _encoder;
    private readonly IExternalMatcher? _matcher;
    private readonly Func<string, bool> _declared;
    private readonly InputSlots? _slots;
    private readonly BufferPool _buffers;

    /// <summary>Creates an evaluator over a loaded rule set, matching with the engine's own matcher or, when given, <paramref name="matcher"/>.</summary>
    /// <exception cref="ArgumentException">The rule set does not meet <see cref="ClinicalVocabulary.Contract"/>.</exception>
    public ClinicalEvaluator(LoadedRuleSet ruleSet, EvaluationOptions? options = null, IExternalMatcher? matcher = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var broken = ruleSet.ContractErrors(ClinicalVocabulary.Contract);
        if (!broken.IsEmpty)
        {
            // A mismatch would fail requests one by one at evaluation time; refuse the rule set whole instead.
            throw new ArgumentException(
                "the rule set does not meet the clinical vocabulary contract (load it with ClinicalVocabulary.Contract to see where):\n" + string.Join("\n", broken),
                nameof(ruleSet));
        }

        RuleSet = ruleSet;
        _matcher = matcher;
        _declared = Declared(ruleSet);
        _slots = InputSlots.For(ruleSet.Compiled);
        _buffers = new BufferPool(ruleSet.Compiled);
        Identity = RuleSetContracts.Identity(ruleSet);
        _options = options ?? EvaluationOptions.Default;
        _standard = new StandardParts(ruleSet);
        _indexed = new IndexedParts(ruleSet, _standard);
        _encoder = new SharedPartEncoder(
            _standard.Messages.Concat(_indexed.Messages).Append(Identity),
            [EvaluateResponse.Descriptor, EvaluateBatchResponse.Descriptor]);
    }

    // A copy with other engine options: everything built from the rule set is shared, nothing is checked or built again.
    private ClinicalEvaluator(ClinicalEvaluator other, EvaluationOptions options)
    {
        RuleSet = other.RuleSet;
        _matcher = other._matcher;
        _declared = other._declared;
        _slots = other._slots;
        _buffers = other._buffers;
        Identity = other.Identity;
        _options = options;
        _standard = other._standard;
        _indexed = other._indexed;
        _encoder = other._encoder;
    }

    /// <summary>The loaded rule set.</summary>
    public LoadedRuleSet RuleSet { get; }

    /// <summary>The same evaluator with <paramref name="listener"/> told every rule's outcome of every evaluation (for example a <see cref="Regression.RuleCoverage"/>).</summary>
    public ClinicalEvaluator WithListener(IEvaluationListener? listener) => new(this, _options with { Listener = listener });

    /// <summary>Which matcher evaluates: <c>ketcds</c> (the engine's own) or the external matcher's name.</summary>
    public string EngineName => _matcher?.Name ?? "ketcds";

    /// <summary>The rule set's identity as the contract carries it.</summary>
    public RuleSetIdentity Identity { get; }

    /// <summary>Loads the rule set in <paramref name="directory"/> under <see cref="ClinicalVocabulary.Contract"/> and creates an evaluator, or returns the load errors.</summary>
    public static (ClinicalEvaluator? Evaluator, RuleSetLoadResult Load) FromDirectory(string directory) =>
        FromFiles(RuleSetFiles.Read(directory));

    /// <summary>Creates an evaluator from rule-set files already read into memory, or returns the load errors.</summary>
    public static (ClinicalEvaluator? Evaluator, RuleSetLoadResult Load) FromFiles(RuleSetFiles files)
    {
        var load = RuleSetLoader.Load(files, ClinicalVocabulary.Contract);
        return (load.Succeeded ? new ClinicalEvaluator(load.RuleSet) : null, load);
    }

    /// <summary>Validates and evaluates one patient with STANDARD justifications.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="EvaluationLimitExceededException">The rule set exceeded its firing cap.</exception>
    public ClinicalEvaluation Evaluate(PatientFacts? patient, CancellationToken cancellationToken = default) =>
        Evaluate(patient, ResultDetail.Standard, cancellationToken);

    /// <summary>Validates and evaluates one patient, with justifications at the given detail (unspecified means STANDARD).</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="EvaluationLimitExceededException">The rule set exceeded its firing cap.</exception>
    public ClinicalEvaluation Evaluate(PatientFacts? patient, ResultDetail detail, CancellationToken cancellationToken = default) =>
        EvaluateValid(PatientValidator.Validate(patient, detail), patient, detail, cancellationToken);

    /// <summary>
    /// Encodes a message built in this process around this evaluator's results (an <see cref="EvaluateResponse"/>, an
    /// <see cref="EvaluateBatchResponse"/>, a result): the same bytes as <c>ToByteArray()</c>, made faster by copying
    /// the encodings of the parts results share, which are made once per rule-set version.
    /// </summary>
    public byte[] Encode(IMessage message) => _encoder.Encode(message);

    /// <summary>
    /// Writes the bytes <see cref="Encode(IMessage)"/> returns to the writer <paramref name="output"/> gives for their
    /// length (a transport that must know a payload's length before it writes), without an intermediate array.
    /// </summary>
    public void EncodeTo(IMessage message, Func<int, IBufferWriter<byte>> output) => _encoder.EncodeTo(message, output);

    /// <summary>Validates and evaluates the patient of an Evaluate request, checking the request's own fields too.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="EvaluationLimitExceededException">The rule set exceeded its firing cap.</exception>
    public ClinicalEvaluation Evaluate(EvaluateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EvaluateValid(PatientValidator.Validate(request), request.Patient, request.Detail, cancellationToken);
    }

    /// <summary>Validates and evaluates one EvaluateBatch item: the same checks as an Evaluate request, with case_id for request_id.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="EvaluationLimitExceededException">The rule set exceeded its firing cap.</exception>
    public ClinicalEvaluation Evaluate(EvaluateBatchRequest item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return EvaluateValid(PatientValidator.Validate(item), item.Patient, item.Detail, cancellationToken);
    }

    // Bound once per rule-set version, not looked up per fact per call: a rule set that declares every input fact (any
    // rule set current with the contract) needs no check at all.
    private static Func<string, bool> Declared(LoadedRuleSet ruleSet)
    {
        var declared = FactNames.InputFacts.Where(name => ruleSet.Compiled.FindFact(name) is not null).ToFrozenSet(StringComparer.Ordinal);
        return declared.Count == FactNames.InputFacts.Count() ? static _ => true : declared.Contains;
    }

    private ClinicalEvaluation EvaluateValid(ImmutableArray<FieldViolation> violations, PatientFacts? patient, ResultDetail detail, CancellationToken cancellationToken)
    {
        if (!violations.IsEmpty)
        {
            return new ClinicalEvaluation(null, violations, null, Identity);
        }

        // The fast path: the patient set straight into reused working memory and the STANDARD result built from it.
        // FULL detail (explanations), another matcher and a listener take the engine's result, as does a patient
        // with a value the rule set does not allow (the engine reports it, by name).
        if (_slots is not null && _matcher is null && _options.Listener is null && detail != ResultDetail.Full)
        {
            var buffer = _buffers.Rent();
            try
            {
                if (SlotMapper.Map(patient!, _slots, buffer))
                {
                    buffer.Evaluate(_options, cancellationToken);
                    return new ClinicalEvaluation(ResultBuilder.Build(buffer, _indexed, RuleSet, patient!, _standard), Identity, this, patient!);
                }
            }
            finally
            {
                // Everything is read out of the buffer by now; after a failure the next Clear resets it.
                _buffers.Return(buffer);
            }
        }

        var engine = EvaluateEngine(patient!, cancellationToken);
        var result = ResultBuilder.Build(engine, RuleSet, patient!, detail, _standard);
        return new ClinicalEvaluation(result, [], engine, Identity);
    }

    /// <summary>The engine's own result for a validated patient (what a fast-path evaluation gives on first read of its engine result).</summary>
    internal RuleSetEvaluation EvaluateEngine(PatientFacts patient, CancellationToken cancellationToken = default)
    {
        var facts = FactMapper.Map(patient, _declared);
        return _matcher is null
            ? RuleSet.Compiled.Evaluate(facts, _options, cancellationToken)
            : RuleSet.Compiled.Evaluate(facts, _matcher, _options, cancellationToken);
    }
}
