using Microsoft.Extensions.Logging;

namespace KetCds.Server.Internal.Services;

/// <summary>Source-generated log messages of the decision-support service (event ids 2100-2199).</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Evaluation of '{CorrelationId}' exceeded the firing cap of rule set {RuleSet}")]
    public static partial void EvaluationLimitExceeded(this ILogger logger, string correlationId, string ruleSet);
}
