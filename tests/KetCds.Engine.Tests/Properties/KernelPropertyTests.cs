using FsCheck.Xunit;
using KetCds.Engine.Internal;
using KetCds.Engine.Internal.Kernel;
using KetCds.Engine.Tests.Support;

namespace KetCds.Engine.Tests.Properties;

/// <summary>
/// The compiled fast path (dense layout, shared tests, flattened conditions, reusable buffers) against the slow
/// tracing path that explanations use, over random models and cases: they must never disagree.
/// </summary>
[Properties(Arbitrary = [typeof(ScenarioArbitraries)], MaxTest = 300, EndSize = 100)]
public class KernelPropertyTests
{
    private static CompiledRuleSet Compile(RuleSetModel model)
    {
        var compilation = RuleSetCompiler.Compile(model);
        Assert.True(compilation.Succeeded, string.Join("\n", compilation.Errors));
        return compilation.RuleSet;
    }

    [Property]
    public void Evaluate_EveryEvaluatedRule_TruthEqualsTracerOverFinalFacts(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var result = set.Evaluate(FactSet.From(scenario.Facts));
        for (var rule = 0; rule < set.Rules.Length; rule++)
        {
            var traced = ConditionTracer.Evaluate(set.Rules[rule].Model.When, set.Facts, result.State);
            var matched = result.MatchedTruth(rule);
            if (matched == RuleTruth.Skipped)
            {
                // Skipped only when a guard input is missing, which the tracer must see as not true.
                Assert.NotEqual(Truth.True, traced);
                continue;
            }

            var fast = matched switch { RuleTruth.Fired => Truth.True, RuleTruth.False => Truth.False, _ => Truth.Unknown };
            Assert.True(fast == traced, $"rule {set.Rules[rule].Model.Id}: fast {fast}, traced {traced}");
        }
    }

    [Property]
    public void MissingFacts_AnyScenario_EqualTracedMissingFacts(Scenario scenario)
    {
        var result = Compile(scenario.Model).Evaluate(FactSet.From(scenario.Facts));
        Assert.Equal(Render(result.TracedMissingFacts()), Render(result.MissingFacts));
    }

    [Property]
    public void PairsByRows_AnyScenario_SameAsPairsByWalk(Scenario scenario)
    {
        // The bit-row reading of the missing pairs (random models stay under 64 rules: the two-register pass with its high
        // word zero) against the walk of every candidate rule's condition, with every input given, none and half: arrays
        // of one pair to start, so that both grow.
        AssertPairsByRowsSameAsWalk(Compile(scenario.Model), scenario);
    }

    [Property(MaxTest = 100)]
    public void PairsByRows_MoreThanOneWordOfRules_SameAsPairsByWalk(Scenario scenario)
    {
        foreach (var set in Widened(scenario))
        {
            AssertPairsByRowsSameAsWalk(set, scenario);
        }
    }

    [Property]
    public void MissingInputRules_AnyScenario_SamePairsAsWalk(Scenario scenario)
    {
        // The rows the clinical side reads (random models: one word of rules, made by the two-register pass) against the
        // walk's pairs grouped by fact.
        AssertRowsSameAsWalk(Compile(scenario.Model), scenario);
    }

    [Property(MaxTest = 100)]
    public void MissingInputRules_MoreThanOneWordOfRules_SamePairsAsWalk(Scenario scenario)
    {
        // Two words (the two-register pass, high word used) and four (rows made from the general pass's pairs).
        foreach (var set in Widened(scenario))
        {
            AssertRowsSameAsWalk(set, scenario);
        }
    }

    /// <summary>
    /// Random models stay under 64 rules; copies of their emitters (rules that derive nothing: new ids, same conditions
    /// and actions) take them to two words of rules (the two-register pass) and to four (the general one).
    /// </summary>
    private static IEnumerable<CompiledRuleSet> Widened(Scenario scenario)
    {
        var emitters = scenario.Model.Rules.Where(r => !r.Then.Any(a => a is DeriveAction)).ToArray();
        foreach (var target in new[] { 100, 200 })
        {
            var rules = scenario.Model.Rules.ToList();
            for (var copy = 1; rules.Count < target; copy++)
            {
                rules.AddRange(emitters.Select(r => r with { Id = $"copy{copy}.{r.Id}" }));
            }

            var set = Compile(scenario.Model with { Rules = [.. rules] });
            Assert.Equal((rules.Count + 63) / 64, set.MissingIndex.Words);
            yield return set;
        }
    }

    private static void AssertRowsSameAsWalk(CompiledRuleSet set, Scenario scenario)
    {
        // One buffer for every case, each read before the next evaluation: nothing of a case may survive into the next.
        var buffer = set.CreateBuffer();
        var words = buffer.RuleWords;
        Assert.Equal((set.RulesById.Length + 63) / 64, words);
        foreach (var facts in new[] { scenario.Facts, [], scenario.Facts.Where((_, i) => i % 2 == 0).ToArray(), scenario.Facts })
        {
            set.Evaluate(FactSet.From(facts), buffer);
            var state = buffer.State;
            var walk = new long[1];
            var count = MissingFactFinder.PairsByWalk(set, state.Facts.Status, state.Truth, state.Tests, ref walk);
            var expected = walk.AsSpan(0, count).ToArray().Select(p => new MissingInput((int)(p >> 32), (int)p)).ToArray();

            var slots = buffer.MissingInputFacts().ToArray();
            var rows = buffer.MissingInputRules().ToArray();
            Assert.Equal(slots.Length * words, rows.Length);
            var fromRows = new List<MissingInput>();
            for (var k = 0; k < slots.Length; k++)
            {
                Assert.True(rows.AsSpan(k * words, words).ContainsAnyExcept(0UL), "a listed fact names no rule");
                for (var rule = 0; rule < words * 64; rule++)
                {
                    if ((rows[(k * words) + (rule >> 6)] & (1UL << rule)) != 0)
                    {
                        fromRows.Add(new MissingInput(slots[k], rule));
                    }
                }
            }

            Assert.Equal(expected, fromRows);
            Assert.Equal(expected, buffer.MissingInputs().ToArray());
        }
    }

    private static void AssertPairsByRowsSameAsWalk(CompiledRuleSet set, Scenario scenario)
    {
        Assert.NotNull(set.MissingIndex.TestRows);
        var buffer = set.CreateBuffer();
        foreach (var facts in new[] { scenario.Facts, [], scenario.Facts.Where((_, i) => i % 2 == 0).ToArray() })
        {
            set.Evaluate(FactSet.From(facts), buffer);
            var state = buffer.State;
            var byRows = new long[1];
            var byWalk = new long[1];
            var rows = MissingFactFinder.PairsByRows(set, state.Facts.Status, state.Truth, state.Tests, ref byRows);
            var walked = MissingFactFinder.PairsByWalk(set, state.Facts.Status, state.Truth, state.Tests, ref byWalk);
            Assert.Equal(byWalk.AsSpan(0, walked).ToArray(), byRows.AsSpan(0, rows).ToArray());
        }
    }

    [Property]
    public void TestTruths_AfterEvaluation_EqualTruthsRebuiltFromFinalFacts(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var buffer = set.CreateBuffer();
        set.Evaluate(FactSet.From(scenario.Facts), buffer);

        // The run updates test truths incrementally as facts settle; rebuilding them from the final facts must agree.
        Assert.Equal(set.Kernel.TestsOf(buffer.State.Facts), buffer.State.Tests);
    }

    [Property]
    public void Evaluate_CompiledCode_SameStateAsInterpreter(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var bound = set.Bind(FactSet.From(scenario.Facts));
        var buffer = set.CreateBuffer();
        set.Evaluate(bound, buffer);
        var compiled = buffer.State;
        var interpreted = set.Kernel.CreateState();
        set.RunInterpreted(interpreted, bound);

        // The code compiled at load must leave exactly the working memory the interpreter leaves, firing order included.
        Assert.Equal(interpreted.Truth, compiled.Truth);
        Assert.Equal(interpreted.Tests, compiled.Tests);
        Assert.Equal(interpreted.Facts.Status, compiled.Facts.Status);
        Assert.Equal(interpreted.Facts.Values, compiled.Facts.Values);
        Assert.Equal(interpreted.Facts.SetBy, compiled.Facts.SetBy);
        Assert.Equal(interpreted.Lanes, compiled.Lanes);
        Assert.Equal(interpreted.Numbers, compiled.Numbers);
        Assert.Equal(interpreted.Firings.AsSpan(0, interpreted.FiringCount).ToArray(), compiled.Firings.AsSpan(0, compiled.FiringCount).ToArray());
    }

    [Fact]
    public void Evaluate_BoundInputsWithoutRows_SameStateAsInterpreter()
    {
        // The generated scenarios' inputs all have precomputed rows; a decimal and a set of more than 8 symbols have none,
        // so setting them by position (Kernel.SetInputs) takes the compiled per-test code: compared with the interpreter.
        string[] symbols = [.. Enumerable.Range(0, 10).Select(i => $"s{i}")];
        var set = ModelBuilder.Compile(
            [ModelBuilder.Input("weight", FactType.Decimal), ModelBuilder.Input("tags", FactType.EnumSet, symbols), ModelBuilder.Input("flag", FactType.Boolean), ModelBuilder.Derived("heavy"), ModelBuilder.Derived("tagged")],
            ModelBuilder.Derive("make.heavy", ModelBuilder.All(new ComparisonCondition("weight", ComparisonOperator.GreaterThan, TypedValue.Decimal(70.5m)), ModelBuilder.Is("flag")), "heavy"),
            ModelBuilder.Derive("make.tagged", ModelBuilder.Any(ModelBuilder.Member("tags", MembershipOperator.ContainsAny, "s1", "s9"), new ComparisonCondition("weight", ComparisonOperator.LessThanOrEqual, TypedValue.Decimal(50m))), "tagged"),
            ModelBuilder.Emit("emit.heavy", ModelBuilder.Is("heavy")),
            ModelBuilder.Emit("emit.tagged", ModelBuilder.All(ModelBuilder.Is("tagged"), ModelBuilder.Not(ModelBuilder.Member("tags", MembershipOperator.ContainsAll, "s2", "s3")))));
        Assert.False(set.Kernel.Rows.Has(set.Facts.Slots["weight"]) || set.Kernel.Rows.Has(set.Facts.Slots["tags"]));
        var random = new Random(7);
        var buffer = set.CreateBuffer();
        var fired = 0;
        for (var i = 0; i < 500; i++)
        {
            var facts = new List<(string Name, TypedValue Value)>();
            if (random.Next(4) > 0)
            {
                facts.Add(("weight", TypedValue.Decimal(random.Next(0, 1200) / 10m)));
            }

            if (random.Next(4) > 0)
            {
                facts.Add(("tags", TypedValue.EnumSet(symbols.Where(_ => random.Next(3) == 0))));
            }

            if (random.Next(4) > 0)
            {
                facts.Add(("flag", TypedValue.Boolean(random.Next(2) == 0)));
            }

            var bound = set.Bind(ModelBuilder.Facts([.. facts]));
            set.Evaluate(bound, buffer);
            var interpreted = set.Kernel.CreateState();
            set.RunInterpreted(interpreted, bound);
            Assert.Equal(interpreted.Tests, buffer.State.Tests);
            Assert.Equal(interpreted.Truth, buffer.State.Truth);
            Assert.Equal(interpreted.Facts.Status, buffer.State.Facts.Status);
            Assert.Equal(interpreted.Firings.AsSpan(0, interpreted.FiringCount).ToArray(), buffer.State.Firings.AsSpan(0, buffer.State.FiringCount).ToArray());
            fired += buffer.State.FiringCount;
        }

        // Cases that fire rules, so the comparison covers tests that came out true.
        Assert.True(fired > 100, $"{fired} firings in 500 cases");
    }

    [Property]
    public void Evaluate_IntoReusedBuffer_SameDecisionAsResult(Scenario scenario, Scenario other)
    {
        var set = Compile(scenario.Model);
        var facts = FactSet.From(scenario.Facts);
        var buffer = set.CreateBuffer();

        // A buffer used before for other facts must not leak anything into the next evaluation.
        set.Evaluate(FactSet.From(scenario.Facts.Where((_, i) => i % 2 == other.Seed % 2)), buffer);
        set.Evaluate(set.Bind(facts), buffer);
        var result = set.Evaluate(facts);

        Assert.Equal(result.Outcomes.ToArray(), buffer.Outcomes().ToArray());
        Assert.Equal(result.FiredRules.Length, buffer.FiredCount);
        Assert.All(scenario.Model.Rules, r => Assert.Equal(result.FiredRules.Contains(r.Id), buffer.Fired(r.Id)));
        Assert.All(scenario.Model.Facts, f => Assert.Equal(result.GetFact(f.Name), buffer.GetFact(f.Name)));
        Assert.Equal(ResultText.Render(result), ResultText.Render(buffer.ToResult()));
    }

    [Property]
    public void Evaluate_InputsSetByPosition_SameAnswersAsFactSet(Scenario scenario, Scenario other)
    {
        var set = Compile(scenario.Model);
        var facts = FactSet.From(scenario.Facts);
        var reference = set.CreateBuffer();
        set.Evaluate(facts, reference);
        var buffer = set.CreateBuffer();

        // A buffer used before (by position and by name) must not leak anything into the next evaluation.
        set.Evaluate(FactSet.From(scenario.Facts.Where((_, i) => i % 2 == other.Seed % 2)), buffer);
        SetByPosition(set, buffer, scenario.Facts.Where((_, i) => i % 3 == other.Seed % 3));
        buffer.Evaluate();
        SetByPosition(set, buffer, scenario.Facts);
        buffer.Evaluate();

        // The same working memory, except that values of inputs set by position are made only when read.
        Assert.Equal(reference.State.Truth, buffer.State.Truth);
        Assert.Equal(reference.State.Tests, buffer.State.Tests);
        Assert.Equal(reference.State.Facts.Status, buffer.State.Facts.Status);
        // Lanes of absent facts keep whatever the last evaluation left (a reset does not clear them; nothing reads them).
        for (var slot = 0; slot < set.Facts.Count; slot++)
        {
            if (reference.State.Facts.Status[slot] == FactStatus.Present)
            {
                Assert.Equal(reference.State.Lanes[slot], buffer.State.Lanes[slot]);
                Assert.Equal(reference.State.Numbers[slot], buffer.State.Numbers[slot]);
            }
        }

        Assert.Equal(reference.Outcomes().ToArray(), buffer.Outcomes().ToArray());
        Assert.All(scenario.Model.Facts, f => Assert.Equal(reference.GetFact(f.Name), buffer.GetFact(f.Name)));
        var result = set.Evaluate(facts);
        Assert.Equal(ResultText.Render(result), ResultText.Render(buffer.ToResult()));
        Assert.Equal(Render(result.MissingFacts), Render(buffer.MissingFacts()));
        Assert.Equal(result.DataRequests.ToArray(), buffer.DataRequests().ToArray());
    }

    [Property]
    public void ReadByIndex_BufferReused_SameAsListsByName(Scenario scenario, Scenario other)
    {
        // The index views (outcome indexes, fired rules, missing pairs) name what the result's lists name, and a buffer
        // that answered another case first gives the same: nothing read by index survives an evaluation.
        var set = Compile(scenario.Model);
        var buffer = set.CreateBuffer();
        set.Evaluate(FactSet.From(scenario.Facts.Where((_, i) => i % 2 == other.Seed % 2)), buffer);
        _ = buffer.OutcomeIndexes();
        _ = buffer.MissingInputs();
        set.Evaluate(FactSet.From(scenario.Facts), buffer);
        var result = set.Evaluate(FactSet.From(scenario.Facts));

        var outcomes = new List<Outcome>();
        foreach (var index in buffer.OutcomeIndexes())
        {
            outcomes.Add(set.PossibleOutcomes[index]);
        }

        Assert.Equal(result.Outcomes.ToArray(), outcomes);
        Assert.Equal(result.Outcomes.ToArray(), buffer.Outcomes().ToArray());
        Assert.Equal(result.FiredRules.ToArray(), buffer.FiredRules().ToArray().Select(r => set.RulesById[r].Id).Order(StringComparer.Ordinal));

        var names = set.Model.Facts.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.All(names, name => Assert.Equal(result.GetFact(name), buffer.GetFact(set.IndexOfFact(name))));
        Assert.Equal(-1, set.IndexOfFact("no such fact"));
        var pairs = buffer.MissingInputs().ToArray();
        Assert.All(pairs, pair => Assert.Equal(pair.Fact, set.FindInput(names[pair.Fact])!.Index));
        var grouped = pairs
            .GroupBy(pair => pair.Fact)
            .Select(g => new MissingFact(names[g.Key], [.. g.Select(pair => set.RulesById[pair.Rule].Id)]));
        Assert.Equal(Render(result.MissingFacts), Render(grouped));
    }

    [Property]
    public void Evaluate_BufferReusedAcrossCases_SameStateAsFreshBuffer(Scenario scenario)
    {
        // A reused buffer keeps per-fact hints from the cases before it (which producer proved a fact undecided); the
        // answer must not depend on them: all inputs, none, half, the other half and all again, each against a fresh buffer.
        var set = Compile(scenario.Model);
        var half = scenario.Facts.Count / 2;
        var cases = new[] { scenario.Facts, [], scenario.Facts.Take(half).ToArray(), scenario.Facts.Skip(half).ToArray(), scenario.Facts };
        var reused = set.CreateBuffer();
        foreach (var facts in cases)
        {
            var fresh = set.CreateBuffer();
            set.Evaluate(FactSet.From(facts), fresh);
            set.Evaluate(FactSet.From(facts), reused);
            Assert.Equal(fresh.State.Truth, reused.State.Truth);
            Assert.Equal(fresh.State.Tests, reused.State.Tests);
            Assert.Equal(fresh.State.Facts.Status, reused.State.Facts.Status);
            Assert.Equal(fresh.State.Firings.AsSpan(0, fresh.State.FiringCount).ToArray(), reused.State.Firings.AsSpan(0, reused.State.FiringCount).ToArray());
            Assert.Equal(Render(fresh.MissingFacts()), Render(reused.MissingFacts()));
        }
    }

    [Property]
    public void Evaluate_SettlingFromNoInputRun_SameStateAsSettlingEveryFact(Scenario scenario)
    {
        // Facts whose producers read only slots with their no-input statuses are settled from the no-input run; the
        // reference settles every fact by its producers. All inputs, none, and each half: the shortcut applies to
        // some facts and not others.
        var set = Compile(scenario.Model);
        var half = scenario.Facts.Count / 2;
        var cases = new[] { scenario.Facts, [], scenario.Facts.Take(half).ToArray(), scenario.Facts.Skip(half).ToArray() };
        foreach (var facts in cases)
        {
            var buffer = set.CreateBuffer();
            set.Evaluate(FactSet.From(facts), buffer);
            var reference = set.Kernel.CreateState();
            reference.SettleEveryFact = true;
            set.RunInterpreted(reference, set.Bind(FactSet.From(facts)));
            Assert.Equal(reference.Truth, buffer.State.Truth);
            Assert.Equal(reference.Tests, buffer.State.Tests);
            Assert.Equal(reference.Facts.Status, buffer.State.Facts.Status);
            Assert.Equal(reference.Firings.AsSpan(0, reference.FiringCount).ToArray(), buffer.State.Firings.AsSpan(0, buffer.State.FiringCount).ToArray());
        }
    }

    [Property]
    public void Evaluate_StartedFromNoInputRun_SameStateAsRunningEveryStage(Scenario scenario)
    {
        // A working memory reused across random subsets of the inputs starts each evaluation from the no-input run and runs
        // only the stages those inputs reach (forced on: by default only rule sets of many stages do); the references
        // run every stage from scratch, compiled and interpreted (the latter also settling every fact by its producers).
        var set = Compile(scenario.Model);
        var kernel = new Kernel(set.Rules, set.Plan, set.Facts, skipStages: true);
        var random = new Random(scenario.Seed);
        var state = kernel.CreateState();
        var everyStage = kernel.CreateState();
        everyStage.RunEveryStage = true;
        var counted = kernel.CreateState();
        var subsets = Enumerable.Range(0, 6).Select(_ => scenario.Facts.Where(_ => random.Next(3) == 0).ToArray()).Prepend([]).Append([.. scenario.Facts]);
        foreach (var facts in subsets)
        {
            var bound = set.Bind(FactSet.From(facts));
            Run(kernel, state, bound);
            Run(kernel, everyStage, bound);

            // Told the number of inputs at the reset, as CompiledRuleSet.Evaluate does: many inputs start from scratch.
            Run(kernel, counted, bound, countInputs: true);
            var interpreted = set.Kernel.CreateState();
            interpreted.SettleEveryFact = true;
            set.RunInterpreted(interpreted, bound);
            // A case supplying many inputs goes back to a run from scratch through the grouped stage code; with none
            // supplied a qualifying rule set always keeps the no-input start.
            Assert.True(kernel.SkipsStages || !state.FromNoInput);
            Assert.True(facts.Length > 0 || state.FromNoInput == kernel.SkipsStages);
            Assert.False(everyStage.FromNoInput);
            foreach (var reference in new[] { everyStage, interpreted })
            {
                foreach (var run in new[] { state, counted })
                {
                    Assert.Equal(reference.Truth, run.Truth);
                    Assert.Equal(reference.Tests, run.Tests);
                    Assert.Equal(reference.Facts.Status, run.Facts.Status);
                    Assert.Equal(reference.Facts.Values, run.Facts.Values);
                    Assert.Equal(reference.Facts.SetBy, run.Facts.SetBy);
                    Assert.Equal(reference.Firings.AsSpan(0, reference.FiringCount).ToArray(), run.Firings.AsSpan(0, run.FiringCount).ToArray());
                }
            }
        }
    }

    [Fact]
    public void SkipsStages_RandomRuleSets_ManyStartFromNoInputRun()
    {
        // The property above compares the stage skip with its references only for rule sets that qualify (no stage rule
        // fires with no input): enough of the generated ones must, or it would prove little.
        var sets = Enumerable.Range(0, 200).Select(seed => Compile(ScenarioFactory.Create(seed, 20 + (seed % 80)).Model)).ToArray();
        var qualifying = sets.Count(set => new Kernel(set.Rules, set.Plan, set.Facts, skipStages: true).SkipsStages);
        Assert.True(qualifying >= sets.Length / 4, $"{qualifying} of {sets.Length} generated rule sets start from the no-input run");
    }

    private static void Run(Kernel kernel, KernelState state, BoundFacts facts, bool countInputs = false)
    {
        kernel.Reset(state, countInputs ? facts.Slots.Length : 0);
        for (var i = 0; i < facts.Slots.Length; i++)
        {
            kernel.SetInput(state, facts.Slots[i], facts.Values[i], facts.Lanes[i], facts.Numbers[i]);
        }

        kernel.Run(state, int.MaxValue, CancellationToken.None);
    }

    [Property]
    public void Result_BuiltFromFinalMatchAlone_SameAnswers(Scenario scenario)
    {
        var set = Compile(scenario.Model);
        var result = set.Evaluate(FactSet.From(scenario.Facts));
        var truth = Enumerable.Range(0, set.Rules.Length).Select(result.MatchedTruth).ToArray();
        var firings = result.FiredRules.Select(set.IndexOf).ToList();

        // The seam for another matcher: facts, rule truths and firings, without the kernel's test truths.
        var rebuilt = new RuleSetEvaluation(set, result.State, truth, firings);
        Assert.Equal(Render(result.MissingFacts), Render(rebuilt.MissingFacts));
        Assert.Equal(result.Outcomes.ToArray(), rebuilt.Outcomes.ToArray());
        Assert.Equal(result.FiredRules.ToArray(), rebuilt.FiredRules.ToArray());
    }

    private static void SetByPosition(CompiledRuleSet set, EvaluationBuffer buffer, IEnumerable<KeyValuePair<string, TypedValue>> facts)
    {
        buffer.Clear();
        foreach (var (name, value) in facts)
        {
            var fact = set.FindInput(name)!;
            switch (value.Type)
            {
                case FactType.Boolean:
                    buffer.Set(fact, value.AsBoolean);
                    break;
                case FactType.Integer when fact.Type == FactType.Integer:
                    buffer.Set(fact, (long)value.Number);
                    break;
                case FactType.Enum:
                    buffer.SetSymbol(fact, fact.SymbolIndex(value.Symbol!));
                    break;
                case FactType.EnumSet:
                    buffer.SetSymbols(fact, value.Symbols.Select(fact.SymbolIndex).ToArray());
                    break;
                default:
                    buffer.Set(fact, value);
                    break;
            }
        }
    }

    private static string Render(IEnumerable<MissingFact> missing) =>
        string.Join("\n", missing.Select(m => m.Fact + ": " + string.Join(",", m.UndecidedRules)));
}
