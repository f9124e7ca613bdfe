using KetCds.Contracts.V1;

namespace KetCds.Clinical.Internal;

/// <summary>One outcome's shared STANDARD messages: always its statement, and its alert or risk modifier when it is one.</summary>
internal sealed record StandardOutcomeParts(Statement Statement, Alert? Alert, RiskModifier? Risk);
