using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The default feedback sink: one structured log line per item.</summary>
internal sealed class LoggingFeedbackSink(ILogger<LoggingFeedbackSink> logger) : ICdsFeedbackSink
{
    public ValueTask<bool> RecordAsync(CdsFeedback feedback, HttpContext context, CancellationToken cancellationToken)
    {
        logger.Feedback(feedback.ServiceId, feedback.Card, feedback.Outcome, feedback.OverrideReason ?? "none", feedback.AcceptedSuggestions.Length, feedback.OutcomeTimestamp);
        return ValueTask.FromResult(true);
    }
}
