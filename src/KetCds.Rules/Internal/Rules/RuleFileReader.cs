using System.Collections.Immutable;
using KetCds.Engine;
using KetCds.Rules.Internal.Yaml;

namespace KetCds.Rules.Internal.Rules;

/// <summary>Reads a rule file: a mapping with one key, <c>rules:</c>, holding a list of rules.</summary>
internal sealed class RuleFileReader(RuleContext context)
{
    private const string RuleIdFormat = "use lower-case letters and digits, separated by '.' or '-'";
    private const string ClaimIdFormat = "use lower-case words separated by '.', such as 'review.iv-series'";
    public static ImmutableArray<string> FileKeys { get; } = ["rules"];
    public static ImmutableArray<string> RuleKeys { get; } = ["id", "title", "description", "priority", "cites", "when", "then"];

    private readonly ConditionReader _conditions = new(context);
    private readonly ActionReader _actions = new(context);

    private FileScope File => context.File;

    public void Read(YamlNode? root, List<ParsedRule> into)
    {
        if (root is null)
        {
            File.Error(File.Start, "the rule file is empty; it must hold 'rules:' and a list of rules");
            return;
        }

        if (MappingReader.Open(File, root, "a rule file", FileKeys) is not { } map
            || map.Required("rules") is not { } rules
            || File.Sequence(rules, "'rules'", nonEmpty: false) is not { } list)
        {
            return;
        }

        foreach (var node in list.Children)
        {
            if (ReadRule(node) is { } rule)
            {
                into.Add(rule);
            }
        }
    }

    private ParsedRule? ReadRule(YamlNode node)
    {
        if (MappingReader.Open(File, node, "a rule", RuleKeys) is not { } m)
        {
            return null;
        }

        var at = File.At(node);

        // A rule with a bad id still takes part in the engine's checks under a name no valid id can have.
        var id = (m.Required("id") is { } idNode ? File.Name(idNode, "rule id", Naming.RuleId(), RuleIdFormat) : null)
            ?? $"<rule at {at}>";
        var title = m.Required("title") is { } t ? File.Text(t, $"the title of rule '{id}'") : null;
        var description = m.Required("description") is { } d ? File.Text(d, $"the description of rule '{id}'") : null;
        var priority = m.Optional("priority") is { } p ? File.Integer(p, $"the priority of rule '{id}'") ?? 0 : 0;
        var citesNode = m.Optional("cites");
        var citations = citesNode is null ? [] : Citations(citesNode, id);
        var when = m.Required("when") is { } w ? _conditions.Read(w) : context.Placeholders.Condition(at);

        var actions = new List<RuleAction>();
        var emits = false;
        if (m.Required("then") is { } thenNode && File.Sequence(thenNode, $"'then' of rule '{id}'", nonEmpty: true) is { } then)
        {
            foreach (var action in then.Children)
            {
                emits |= _actions.Read(action, actions) is { } kind && ActionReader.IsEmit(kind);
            }
        }

        if (actions.Count == 0)
        {
            actions.Add(context.Placeholders.Action(at));
        }

        if (emits && citesNode is null)
        {
            File.Error(node, $"rule '{id}' emits an outcome but cites no claims; add 'cites:' with the claims it rests on");
        }
        else if (emits && citesNode is YamlSequenceNode { Children.Count: 0 })
        {
            File.Error(citesNode, $"rule '{id}' emits an outcome, so 'cites' must list the claims it rests on");
        }

        var rule = new Rule(id, title ?? string.Empty, description ?? string.Empty, priority, when, [.. actions], [.. citations.Select(x => x.ClaimId)], at);
        return new ParsedRule(rule, citations);
    }

    private ImmutableArray<Citation> Citations(YamlNode node, string ruleId)
    {
        if (File.Sequence(node, $"'cites' of rule '{ruleId}'", nonEmpty: false) is not { } list)
        {
            return [];
        }

        var result = new List<Citation>();
        foreach (var item in list.Children)
        {
            if (File.Name(item, "claim id", Naming.ClaimId(), ClaimIdFormat) is not { } claim)
            {
                continue;
            }

            if (result.Any(x => string.Equals(x.ClaimId, claim, StringComparison.Ordinal)))
            {
                File.Error(item, $"rule '{ruleId}' cites claim '{claim}' more than once");
                continue;
            }

            result.Add(new Citation(claim, File.At(item)));
        }

        return [.. result];
    }
}
