using System.Collections.Immutable;
using KetCds.Engine;

namespace KetCds.Rules.Internal.Rules;

/// <summary>A rule as read from its file, with its citations' positions for the catalog checks.</summary>
internal sealed record ParsedRule(Rule Rule, ImmutableArray<Citation> Citations);
