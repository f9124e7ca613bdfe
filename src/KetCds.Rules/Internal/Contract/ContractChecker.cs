using KetCds.Engine;
using KetCds.Rules.Internal.Vocabulary;

namespace KetCds.Rules.Internal.Contract;

/// <summary>
/// Checks a rule set's vocabulary and outcomes against what a consumer expects (<see cref="VocabularyContract"/>),
/// reporting each mismatch at the declaration or rule that breaks it and naming what the consumer expects.
/// </summary>
internal sealed class ContractChecker(VocabularyContract contract, Diagnostics diagnostics)
{
    private static readonly SourceLocation VocabularyStart = new(RuleSetLayout.Vocabulary, 1, 1);

    public void Check(IReadOnlyCollection<FactDefinition> facts, IReadOnlyCollection<AttributeDefinition> attributes, IEnumerable<Rule> rules)
    {
        CheckFacts(facts);
        CheckAttributes(attributes);
        CheckOutcomes(rules.ToList());
    }

    private void CheckFacts(IReadOnlyCollection<FactDefinition> facts)
    {
        var declared = facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var expected = contract.Facts.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var want in contract.Facts)
        {
            if (declared.TryGetValue(want.Name, out var fact))
            {
                CheckFact(want, fact);
            }
            else if (want.Origin == FactOrigin.Derived)
            {
                diagnostics.Error(
                    VocabularyStart,
                    $"{contract.Consumer} reads derived fact '{want.Name}' ({Describe(want.Type, want.Values)}) for {want.Purpose}, but the vocabulary does not declare it",
                    NameSuggester.Suggest(want.Name, facts.Where(f => f.Origin == FactOrigin.Derived && !expected.ContainsKey(f.Name)).Select(f => f.Name)));
            }
            else
            {
                // An older rule set may predate a request field; the consumer then leaves the field out, so say so.
                diagnostics.Warning(
                    VocabularyStart,
                    $"{contract.Consumer} supplies input fact '{want.Name}' from {want.Purpose}, but the vocabulary does not declare it, so that field is ignored");
            }
        }

        var supplied = contract.Facts.Where(f => f.Origin == FactOrigin.Input).Select(f => f.Name).ToList();
        foreach (var fact in facts.Where(f => f.Origin == FactOrigin.Input && f.Location is not null && !expected.ContainsKey(f.Name)))
        {
            var suggestion = NameSuggester.Suggest(fact.Name, supplied.Where(name => !declared.ContainsKey(name)));
            var list = suggestion is null ? $" (it supplies: {string.Join(", ", supplied.Order(StringComparer.Ordinal))})" : string.Empty;
            diagnostics.Error(
                fact.Location!,
                $"input fact '{fact.Name}' is not one {contract.Consumer} supplies, so no request can set it{list}",
                suggestion);
        }
    }

    private void CheckFact(ExpectedFact want, FactDefinition fact)
    {
        var at = fact.Location ?? VocabularyStart;
        if (fact.Origin != want.Origin)
        {
            diagnostics.Error(at, want.Origin == FactOrigin.Input
                ? $"fact '{fact.Name}' is declared derived, but {contract.Consumer} supplies it from {want.Purpose}: it must be an input fact"
                : $"fact '{fact.Name}' is declared as an input, but {contract.Consumer} reads it as a derived fact for {want.Purpose}: declare it 'derived: true'");
            return;
        }

        if (fact.Type != want.Type)
        {
            diagnostics.Error(at, $"fact '{fact.Name}' is {TypeNames.Article(fact.Type)}, but {contract.Consumer} "
                + (want.Origin == FactOrigin.Input ? "supplies" : "reads") + $" it as {TypeNames.Article(want.Type)} ({want.Purpose})");
            return;
        }

        if (!TypeNames.HasValues(want.Type))
        {
            return;
        }

        var allowed = fact.AllowedValues.ToHashSet(StringComparer.Ordinal);
        var known = want.Values.ToHashSet(StringComparer.Ordinal);
        if (want.Origin == FactOrigin.Input)
        {
            var unknownDeclared = fact.AllowedValues.Where(v => !known.Contains(v)).ToList();
            foreach (var value in want.Values.Where(v => !allowed.Contains(v)))
            {
                diagnostics.Error(
                    at,
                    $"fact '{fact.Name}' does not allow '{value}', which {contract.Consumer} supplies from {want.Purpose}",
                    NameSuggester.Suggest(value, unknownDeclared));
            }

            foreach (var value in unknownDeclared)
            {
                diagnostics.Warning(at, $"fact '{fact.Name}' allows '{value}', which {contract.Consumer} never supplies, so no request can give it that value");
            }
        }
        else
        {
            foreach (var value in fact.AllowedValues.Where(v => !known.Contains(v)))
            {
                diagnostics.Error(
                    at,
                    $"fact '{fact.Name}' allows '{value}', which {contract.Consumer} cannot read into {want.Purpose} (it reads: {string.Join(", ", want.Values)})",
                    NameSuggester.Suggest(value, want.Values.Where(v => !allowed.Contains(v))));
            }
        }
    }

    private void CheckAttributes(IReadOnlyCollection<AttributeDefinition> attributes)
    {
        var declared = attributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var expected = contract.Attributes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var want in contract.Attributes)
        {
            if (!declared.TryGetValue(want.Name, out var attribute))
            {
                diagnostics.Error(
                    VocabularyStart,
                    $"{contract.Consumer} reads outcome attribute '{want.Name}' ({Describe(want.Type, want.Values)}) into {want.Purpose}, but the vocabulary does not declare it",
                    NameSuggester.Suggest(want.Name, attributes.Select(a => a.Name).Where(n => !expected.Contains(n))));
                continue;
            }

            if (attribute.Type != want.Type)
            {
                diagnostics.Error(attribute.Location, $"attribute '{attribute.Name}' is {TypeNames.Article(attribute.Type)}, but {contract.Consumer} reads it as {TypeNames.Article(want.Type)} into {want.Purpose}");
                continue;
            }

            var known = want.Values.ToHashSet(StringComparer.Ordinal);
            foreach (var value in attribute.AllowedValues.Where(v => !known.Contains(v)))
            {
                diagnostics.Error(
                    attribute.Location,
                    $"attribute '{attribute.Name}' allows '{value}', which {contract.Consumer} cannot read into {want.Purpose} (it reads: {string.Join(", ", want.Values)})",
                    NameSuggester.Suggest(value, want.Values.Where(v => !attribute.AllowedValues.Contains(v, StringComparer.Ordinal))));
            }
        }
    }

    private void CheckOutcomes(List<Rule> rules)
    {
        foreach (var want in contract.Outcomes)
        {
            var found = false;
            foreach (var rule in rules)
            {
                foreach (var emit in rule.Then.OfType<EmitAction>().Where(e => e.Kind == want.Kind && e.Code.StartsWith(want.CodePrefix, StringComparison.Ordinal)))
                {
                    found = true;
                    foreach (var missing in want.RequiredAttributes.Where(name => !emit.Attributes.Any(a => string.Equals(a.Name, name, StringComparison.Ordinal))))
                    {
                        diagnostics.Error(
                            emit.Location ?? rule.Location ?? VocabularyStart,
                            $"rule '{rule.Id}' emits {Kind(want.Kind)} '{emit.Code}' without attribute '{missing}', which {contract.Consumer} needs for {want.Purpose}");
                    }
                }
            }

            if (!found)
            {
                var family = want.CodePrefix.Length == 0 ? $"{Kind(want.Kind)}" : $"{Kind(want.Kind)} coded '{want.CodePrefix}…'";
                diagnostics.DirectoryError($"no rule emits a {family}: {contract.Consumer} expects them for {want.Purpose}");
            }
        }
    }

    private static string Describe(FactType type, IEnumerable<string> values) =>
        TypeNames.HasValues(type) ? $"{TypeNames.Name(type)} of {string.Join(", ", values)}" : TypeNames.Name(type);

    private static string Kind(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Recommendation => "recommendation",
        OutcomeKind.RiskModifier => "risk modifier",
        OutcomeKind.Alert => "alert",
        _ => "finding",
    };
}
