using Google.Protobuf;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// What the fast path reads by integer index instead of by name, made once per rule-set version: each possible
/// outcome's shape (by the engine's outcome index), each input fact's field (by fact index), each rule's id, title and
/// data requests (by rule index), and the missing-data entries already made.
/// </summary>
internal sealed class IndexedParts
{
    public IndexedParts(LoadedRuleSet ruleSet, StandardParts standard)
    {
        var compiled = ruleSet.Compiled;
        Outcomes = [.. compiled.PossibleOutcomes.Select(outcome => Shape(outcome, standard))];
        var rules = compiled.RulesById;
        RuleIds = [.. rules.Select(rule => rule.Id)];
        RuleTitles = [.. rules.Select(rule => rule.Title)];

        FieldOfFact = new int[compiled.Model.Facts.Length];
        Array.Fill(FieldOfFact, -1);
        foreach (var name in FactNames.InputFacts)
        {
            if (compiled.FindInput(name) is { } input)
            {
                FieldOfFact[input.Index] = FactNames.FieldIndex[name];
            }
        }

        // A rule requesting a fact with no field (or not an input) has null: its evaluations take the general path.
        Requests = [.. rules.Select(rule => RequestsOf(compiled, rule))];
        RuleWords = (rules.Length + 63) / 64;
        RequestFields = new long[rules.Length];
        FieldRequestRules = new ulong[FactNames.SortedFields.Length * RuleWords];
        for (var rule = 0; rule < rules.Length; rule++)
        {
            if (Requests[rule] is not { } requests || FactNames.SortedFields.Length > 63)
            {
                RequestFields[rule] = -1;
                continue;
            }

            foreach (var request in requests)
            {
                RequestFields[rule] |= 1L << request.Field;
                FieldRequestRules[(request.Field * RuleWords) + (rule >> 6)] |= 1UL << rule;
            }
        }

        MissingData = new MissingDataCache(this);
        EligibilityFact = compiled.IndexOfFact(FactNames.Eligibility);
        CapReachedFact = compiled.IndexOfFact(FactNames.CapReached);
        (FactTables, FieldTables) = Tables(ruleSet, this);
    }

    /// <summary>Per outcome index (<see cref="CompiledRuleSet.PossibleOutcomes"/>), the outcome's shape.</summary>
    public OutcomeShape[] Outcomes { get; }

    /// <summary>Per rule index, the rule's id: the same instances the engine reports.</summary>
    public string[] RuleIds { get; }

    /// <summary>Per rule index, the rule's title.</summary>
    public string[] RuleTitles { get; }

    /// <summary>Per fact index, its field's index in <see cref="FactNames.SortedFields"/>; -1 for a fact the mapper does not supply.</summary>
    public int[] FieldOfFact { get; }

    /// <summary>Per rule index, its data requests in written order; null when one names a fact with no field.</summary>
    public RequestShape[]?[] Requests { get; }

    /// <summary>The index of the derived eligibility fact (-1 when the rule set has none).</summary>
    public int EligibilityFact { get; }

    /// <summary>The index of the derived cap-reached fact (-1 when the rule set has none).</summary>
    public int CapReachedFact { get; }

    /// <summary>How many 64-bit words a row of bits over rules (by rule index) takes.</summary>
    public int RuleWords { get; }

    /// <summary>Per rule index, the fields its data requests name as bits; -1 when <see cref="Requests"/> is null for it (or there are more than 63 fields).</summary>
    public long[] RequestFields { get; }

    /// <summary>Per field, <see cref="RuleWords"/> words marking the rules with a data request for one of its facts.</summary>
    public ulong[] FieldRequestRules { get; }

    /// <summary>The missing-data entries made so far, shared by results.</summary>
    public MissingDataCache MissingData { get; }

    /// <summary>Per fact index, the entries of the fact as its field's one missing fact (see <see cref="MissingDataTable"/>); null where there is none.</summary>
    public MissingDataTable?[] FactTables { get; }

    /// <summary>Per field, the entries of its requests when none of its facts is missing; null where there is none.</summary>
    public MissingDataTable?[] FieldTables { get; }

    /// <summary>Every shared message made here, for encoders that encode each once.</summary>
    public IEnumerable<IMessage> Messages => Outcomes.SelectMany(shape => shape.Parts.Messages);

    private static OutcomeShape Shape(Outcome outcome, StandardParts standard)
    {
        var role = outcome.Kind switch
        {
            OutcomeKind.Recommendation => OutcomeRole.Recommendation,
            OutcomeKind.RiskModifier => OutcomeRole.RiskModifier,
            OutcomeKind.Alert => OutcomeRole.Alert,
            OutcomeKind.Finding when outcome.Code.StartsWith(ResultBuilder.ReliefPrefix, StringComparison.Ordinal) => OutcomeRole.Relief,
            OutcomeKind.Finding when outcome.Code.StartsWith(ResultBuilder.EligibilityPrefix, StringComparison.Ordinal) => OutcomeRole.Eligibility,
            OutcomeKind.Finding when outcome.Code.StartsWith(ResultBuilder.MaintenancePrefix, StringComparison.Ordinal) => OutcomeRole.Maintenance,
            _ => OutcomeRole.Finding,
        };

        var parts = new StandardOutcomeParts(
            standard.Statement(outcome),
            role == OutcomeRole.Alert ? standard.Alert(outcome) : null,
            role == OutcomeRole.RiskModifier ? standard.Risk(outcome) : null,
            role == OutcomeRole.Relief ? standard.Estimate(outcome) : null);
        return new OutcomeShape(
            outcome,
            role,
            parts,
            standard.For(outcome.RuleId),
            AttributeReader.Route(outcome),
            AttributeReader.Protocol(outcome),
            AttributeReader.Integer(outcome, AttributeReader.CourseSessionsMinName),
            AttributeReader.Integer(outcome, AttributeReader.CourseSessionsMaxName),
            AttributeReader.Integer(outcome, AttributeReader.CapMinName),
            AttributeReader.Integer(outcome, AttributeReader.CapMaxName));
    }

    private static (MissingDataTable?[] Facts, MissingDataTable?[] Fields) Tables(LoadedRuleSet ruleSet, IndexedParts parts)
    {
        var facts = new MissingDataTable?[parts.FieldOfFact.Length];
        var fields = new MissingDataTable?[FactNames.SortedFields.Length];
        var rules = ruleSet.Compiled.RulesById;
        if (parts.RuleWords > 2)
        {
            return (facts, fields);
        }

        // Per input fact, the rules testing it: the most its missing rows can hold.
        var tested = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var rule = 0; rule < rules.Length; rule++)
        {
            names.Clear();
            if (!TestedFacts.Instance.Visit(rules[rule].When, names))
            {
                return (facts, fields);
            }

            foreach (var name in names)
            {
                var row = tested.TryGetValue(name, out var r) ? r : tested[name] = new ulong[2];
                row[rule >> 6] |= 1UL << rule;
            }
        }

        ulong Requests(int field, int word) => parts.RuleWords > word ? parts.FieldRequestRules[(field * parts.RuleWords) + word] : 0UL;
        foreach (var name in FactNames.InputFacts)
        {
            if (ruleSet.Compiled.FindInput(name) is { } input && parts.FieldOfFact[input.Index] is var field and >= 0)
            {
                var row = tested.TryGetValue(name, out var r) ? r : new ulong[2];
                facts[input.Index] = MissingDataTable.For(row[0], row[1], Requests(field, 0), Requests(field, 1));
            }
        }

        for (var field = 0; field < fields.Length; field++)
        {
            fields[field] = MissingDataTable.For(0, 0, Requests(field, 0), Requests(field, 1));
        }

        return (facts, fields);
    }

    private static RequestShape[]? RequestsOf(CompiledRuleSet compiled, Rule rule)
    {
        var requests = rule.Then.OfType<RequestDataAction>().ToArray();
        var shapes = new RequestShape[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            if (compiled.FindInput(requests[i].Fact) is not { } input || !FactNames.FieldIndex.TryGetValue(requests[i].Fact, out var field))
            {
                return null;
            }

            shapes[i] = new RequestShape(input.Index, field, requests[i].Reason, i);
        }

        return shapes;
    }
}
