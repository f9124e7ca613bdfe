namespace KetCds.Engine;

/// <summary>One absent input fact and one undecided rule it would decide: the pairs <see cref="EvaluationBuffer.MissingFacts"/> groups by fact.</summary>
/// <param name="Fact">The input fact's <see cref="InputFact.Index"/>.</param>
/// <param name="Rule">The rule's index in <see cref="CompiledRuleSet.RulesById"/>.</param>
public readonly record struct MissingInput(int Fact, int Rule);
