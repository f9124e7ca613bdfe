using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using KetCds.Engine.NRules.Internal;
using NRules;

namespace KetCds.Engine.NRules;

/// <summary>
/// Runs a compiled rule set on NRules (a Rete engine) as an independent second matcher: the rule set is translated
/// into NRules' canonical rule model and compiled into an <see cref="ISessionFactory"/> once per rule-set version;
/// each evaluation runs in a fresh session. Safe to share across threads.
/// </summary>
public sealed class NRulesMatcher : IExternalMatcher
{
    private readonly CompiledRuleSet _ruleSet;
    private readonly ISessionFactory _sessions;
    private readonly EncodedRule[] _rules;
    private readonly EncodedStage[] _stages;

    private NRulesMatcher(CompiledRuleSet ruleSet, ISessionFactory sessions, EncodedRule[] rules, EncodedStage[] stages, int ruleCount, TimeSpan compileTime)
    {
        _ruleSet = ruleSet;
        _sessions = sessions;
        _rules = rules;
        _stages = stages;
        NRulesRuleCount = ruleCount;
        CompileTime = compileTime;
    }

    /// <inheritdoc />
    public string Name => "nrules";

    /// <summary>How many NRules rules the rule set was translated into.</summary>
    public int NRulesRuleCount { get; }

    /// <summary>How long translating and compiling the rule set took.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Translates <paramref name="ruleSet"/> to NRules' canonical model and compiles it with <see cref="RuleCompiler"/>.</summary>
    public static NRulesMatcher Compile(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var started = Stopwatch.GetTimestamp();
        var (definitions, rules, stages) = RuleSetEncoder.Encode(ruleSet);
        var sessions = new RuleCompiler().Compile(definitions);
        return new NRulesMatcher(ruleSet, sessions, rules, stages, definitions.Count, Stopwatch.GetElapsedTime(started));
    }

    /// <inheritdoc />
    public ExternalMatch Match(FactSet facts, EvaluationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        var session = _sessions.CreateSession();
        var log = new FiringLog(options.MaxFirings);
        session.Insert(log);

        var supplied = facts.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var items = new List<object>(_ruleSet.Model.Facts.Length + 1);
        foreach (var definition in _ruleSet.Model.Facts)
        {
            items.Add(definition.Origin == FactOrigin.Derived
                ? new WorkingFact(definition.Name, FactCondition.NotDerived, null, settled: false, derivedBy: -1)
                : supplied.TryGetValue(definition.Name, out var value)
                    ? new WorkingFact(definition.Name, FactCondition.Present, value, settled: true, derivedBy: -1)
                    : new WorkingFact(definition.Name, FactCondition.Missing, null, settled: true, derivedBy: -1));
        }

        if (_stages.Length > 0)
        {
            items.Add(new StagePhase(0));
        }

        session.InsertAll(items);
        try
        {
            session.Fire(cancellationToken);
        }
        catch (RuleExecutionException e) when (e.InnerException is EvaluationLimitExceededException or OperationCanceledException)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }

        return Read(session, log);
    }

    private ExternalMatch Read(ISession session, FiringLog log)
    {
        var fired = new bool[_rules.Length];
        var failed = new bool[_rules.Length];
        foreach (var verdict in session.Query<Verdict>().AsEnumerable())
        {
            (verdict.Holds ? fired : failed)[verdict.Rule] = true;
        }

        var truths = ImmutableDictionary.CreateBuilder<string, Truth>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            truths[rule.Model.Id] = fired[rule.Index] ? Truth.True : failed[rule.Index] ? Truth.False : Truth.Unknown;
        }

        var derived = session.Query<WorkingFact>().AsEnumerable()
            .Where(f => _ruleSet.FindFact(f.Name)?.Origin == FactOrigin.Derived)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.Condition switch
            {
                FactCondition.Present => new DerivedFactMatch(f.Name, Truth.True, f.Value, _rules[f.DerivedBy].Model.Id),
                FactCondition.NotDerived when f.Settled => new DerivedFactMatch(f.Name, Truth.False, null, null),
                FactCondition.Undecided => new DerivedFactMatch(f.Name, Truth.Unknown, null, null),
                _ => throw new InvalidOperationException($"derived fact '{f.Name}' was never settled"),
            })
            .ToImmutableArray();

        return new ExternalMatch([.. log.Firings.Select(i => _rules[i].Model.Id)], truths.ToImmutable(), derived);
    }
}
