namespace KetCds.Clinical.Regression;

/// <summary>One difference between two decisions, at a path such as <c>routes[route.iv.infusion-series].relief</c>.</summary>
/// <param name="Path">Where the decisions differ.</param>
/// <param name="Before">The value in the expected (or older) decision, as JSON; null when absent.</param>
/// <param name="After">The value in the actual (or newer) decision, as JSON; null when absent.</param>
public sealed record DecisionChange(string Path, string? Before, string? After)
{
    /// <summary>Renders the change as one readable line.</summary>
    public override string ToString() => (Before, After) switch
    {
        (null, _) => $"{Path}: added {After}",
        (_, null) => $"{Path}: removed {Before}",
        _ => $"{Path}: {Before} -> {After}",
    };
}
