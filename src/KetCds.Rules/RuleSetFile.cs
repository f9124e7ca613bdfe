namespace KetCds.Rules;

/// <summary>One file of a rule-set directory as it was read: its bytes, or why they could not be read.</summary>
/// <param name="Path">The path relative to the rule-set directory, with '/' separators.</param>
/// <param name="Content">The bytes read; empty for files the loader does not read (not '.yaml') or could not read.</param>
/// <param name="Problem">Why the file could not be read, or null when it was.</param>
public sealed record RuleSetFile(string Path, ReadOnlyMemory<byte> Content, string? Problem);
