using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.Security;

/// <summary>
/// Answers a gRPC call that middleware refuses before it reaches grpc-dotnet as gRPC expects: HTTP 200, a trailers-only
/// response whose headers carry <c>grpc-status</c> and <c>grpc-message</c>. Clients then see the status itself instead of
/// an HTTP 401/403/503 they would each map in their own way (or as UNKNOWN).
/// </summary>
internal static class GrpcStatusResponse
{
    /// <summary>The paths of the audited service's methods all start with this.</summary>
    public const string DecisionSupportPrefix = "/ketcds.v1.DecisionSupportService/";

    private static readonly string[] DecisionSupportMethods =
        [.. new[] { "Evaluate", "EvaluateBatch", "GetRuleSet", "ListRules", "GetSourceCatalog" }.Select(m => DecisionSupportPrefix + m)];

    /// <summary>
    /// Whether the request calls one of the decision-support methods (exactly: an unknown path is not recorded, so a
    /// caller cannot write text of its choosing into the trail's method field).
    /// </summary>
    public static bool IsDecisionSupportCall(HttpContext http) =>
        http.Request.Path.Value is { } path && DecisionSupportMethods.Contains(path, StringComparer.Ordinal);

    /// <summary>Writes the status; <paramref name="message"/> must be fixed text (ASCII, no request content).</summary>
    public static Task WriteAsync(HttpContext http, StatusCode status, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = http.Response;
        if (response.HasStarted)
        {
            http.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = message;
        return response.CompleteAsync();
    }
}
