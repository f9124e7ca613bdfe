using System.Collections.Immutable;

namespace KetCds.Rules;

/// <summary>
/// What a layer built on a rule set (a consumer, such as the clinical mapper) expects of its vocabulary and outcomes:
/// declared once by that layer and checked when a rule set loads, so an edit that breaks the layer is a load error at
/// the line that broke it instead of a failure on every request.
/// </summary>
/// <param name="Consumer">The layer's name as errors show it, such as "the clinical layer".</param>
/// <param name="Facts">The facts the layer supplies or reads.</param>
/// <param name="Attributes">The outcome attributes the layer reads.</param>
/// <param name="Outcomes">The outcome code families the layer sorts outcomes by.</param>
public sealed record VocabularyContract(
    string Consumer,
    ImmutableArray<ExpectedFact> Facts,
    ImmutableArray<ExpectedAttribute> Attributes,
    ImmutableArray<ExpectedOutcome> Outcomes);
