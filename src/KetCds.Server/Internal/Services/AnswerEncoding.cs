using Google.Protobuf;
using KetCds.Server.Internal.RuleSets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Encodes evaluation answers with the current rule set's evaluator, which copies the bytes of the parts its answers
/// share (citations, statements), made once per rule-set version, where generated code re-measures and re-encodes every
/// string on every call. The bytes are the same either way. Marshallers are bound before any service exists (grpc-dotnet
/// calls the bind method without an instance), so the server is found through the call's <see cref="HttpContext"/>.
/// </summary>
internal static class AnswerEncoding
{
    // Reads ASP.NET Core's per-call async-local context (set because the server registers the accessor); holds no state.
    private static readonly HttpContextAccessor Calls = new();

    /// <summary>The answer's bytes, or null outside a call of this server (then generated code encodes it).</summary>
    public static byte[]? Encode(IMessage answer) =>
        Calls.HttpContext?.RequestServices.GetService<RuleSetHost>()?.State.Current?.Evaluator.Encode(answer);
}
