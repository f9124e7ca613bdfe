using KetCds.Engine;

namespace KetCds.Rules.Internal.Rules;

/// <summary>One claim id in a rule's <c>cites:</c>, with where it is written.</summary>
internal sealed record Citation(string ClaimId, SourceLocation Location);
