using KetCds.Engine;

namespace KetCds.Rules.Internal;

/// <summary>Messages for unknown names, with the engine's nearest-name suggestion.</summary>
internal static class UnknownName
{
    /// <summary>
    /// "unknown {what} 'name'" with the nearest allowed name as the suggestion; when nothing is near, the message lists
    /// the allowed names instead, so an author always learns what would be accepted.
    /// </summary>
    public static (string Message, string? Suggestion) Message(
        string what, string name, IReadOnlyCollection<string> allowed, string listName = "allowed", string where = "")
    {
        var suggestion = NameSuggester.Suggest(name, allowed);
        var list = suggestion is null ? $" ({listName}: {string.Join(", ", allowed)})" : string.Empty;
        return ($"unknown {what} '{name}'{where}{list}", suggestion);
    }
}
