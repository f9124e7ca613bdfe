using System.Collections.Immutable;

namespace KetCds.Engine;

/// <summary>Emits a typed outcome: a recommendation, a risk modifier, an alert or a finding.</summary>
/// <param name="Kind">The outcome's kind.</param>
/// <param name="Code">A stable machine code for the outcome.</param>
/// <param name="Text">Plain-language text for clinicians.</param>
/// <param name="Attributes">Typed attributes, sorted by name.</param>
public sealed record EmitAction(OutcomeKind Kind, string Code, string Text, ImmutableArray<OutcomeAttribute> Attributes) : RuleAction;
