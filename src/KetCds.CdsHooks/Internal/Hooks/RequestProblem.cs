namespace KetCds.CdsHooks.Internal.Hooks;

/// <summary>One thing wrong with a hook request: where (a JSON path into the request) and what.</summary>
/// <param name="Field">Path in the request, e.g. <c>prefetch.conditions.entry[2].resource.code</c>.</param>
/// <param name="Message">What is wrong, in plain words.</param>
internal sealed record RequestProblem(string Field, string Message);
