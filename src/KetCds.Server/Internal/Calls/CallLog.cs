using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Calls;

/// <summary>Source-generated log messages of the per-call interceptor (event ids 2110-2119).</summary>
internal static partial class CallLog
{
    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "{Method} request '{RequestId}' ended {Status} in {ElapsedMilliseconds:0.###} ms (rules {RuleSet})")]
    public static partial void CallEnded(this ILogger logger, string method, string requestId, StatusCode status, double elapsedMilliseconds, string ruleSet);
}
