using Microsoft.Extensions.Logging;

namespace KetCds.CdsHooks.Internal.Http;

/// <summary>The default feedback sink: one structured log line per item.</summary>
internal sealed class LoggingFeedbackSink(ILogger<LoggingFeedbackSink> logger) : ICdsFeedbackSink
{
    public ValueTask RecordAsync(CdsFeedback feedback, CancellationToken cancellationToken)
    {
        logger.Feedback(feedback.ServiceId, feedback.Card, feedback.Outcome, feedback.OverrideReason ?? "none", feedback.AcceptedSuggestions.Length, feedback.OutcomeTimestamp);
        return ValueTask.CompletedTask;
    }
}
