using System.Collections.Concurrent;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The text saying what a missing fact would decide, made once per rule-set version for each distinct (first three
/// undecided rules, how many): most calls miss the same few facts, and making the text (titles looked up, joined,
/// counted) was a tenth of a STANDARD evaluation.
/// </summary>
internal sealed class ReasonCache(LoadedRuleSet ruleSet)
{
    /// <summary>Distinct texts kept at most; past it texts are made per call, so an unusual stream of patients cannot grow memory.</summary>
    private const int MaxEntries = 4096;

    // Rule ids come from the compiled model, the same string instances every evaluation, so keys compare by reference.
    private readonly ConcurrentDictionary<(string Rule0, string? Rule1, string? Rule2, int Count), string> _texts = new(ReasonKeyComparer.Instance);
    private int _count;

    public string For(MissingFact missing)
    {
        var rules = missing.UndecidedRules;
        if (rules.IsEmpty)
        {
            return Make(ruleSet, missing);
        }

        var key = (rules[0], rules.Length > 1 ? rules[1] : null, rules.Length > 2 ? rules[2] : null, rules.Length);
        if (_texts.TryGetValue(key, out var text))
        {
            return text;
        }

        text = Make(ruleSet, missing);
        if (Volatile.Read(ref _count) < MaxEntries && _texts.TryAdd(key, text))
        {
            Interlocked.Increment(ref _count);
        }

        return text;
    }

    /// <summary>The text itself: up to three rule titles and how many more.</summary>
    public static string Make(LoadedRuleSet ruleSet, MissingFact missing)
    {
        var rules = missing.UndecidedRules;
        var shown = Math.Min(3, rules.Length);
        var titles = new string[shown];
        for (var i = 0; i < shown; i++)
        {
            titles[i] = ruleSet.Compiled.FindRule(rules[i])?.Title ?? rules[i];
        }

        return Text(titles, rules.Length);
    }

    /// <summary>The text for the titles of the first (up to three) of <paramref name="count"/> undecided rules.</summary>
    public static string Text(string[] titles, int count)
    {
        var more = count > 3 ? $" and {count - 3} more" : string.Empty;
        return string.Concat("Not recorded; it would decide: ", string.Join("; ", titles), more, ".");
    }
}
