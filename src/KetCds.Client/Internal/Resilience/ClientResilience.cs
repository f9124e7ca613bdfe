using KetCds.Client.Internal.Logging;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KetCds.Client.Internal.Resilience;

/// <summary>Builds the client's retry and circuit-breaker pipeline from its options.</summary>
internal static class ClientResilience
{
    /// <summary>Set per call: only idempotent calls may be retried.</summary>
    public static readonly ResiliencePropertyKey<bool> Idempotent = new("ketcds.idempotent");

    public static ResiliencePipeline Build(DecisionSupportClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder
        {
            Name = "ketcds-client",
            TimeProvider = options.TimeProvider,
        };

        // Retry wraps the breaker so that every attempt counts towards opening it and an open circuit is never retried.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    IsUnavailable(args.Outcome.Exception) && args.Context.Properties.GetValue(Idempotent, false)),
                OnRetry = args =>
                {
                    var code = (args.Outcome.Exception as DecisionSupportException)?.StatusCode ?? StatusCode.Unknown;
                    ClientLog.RetryScheduled(logger, args.Context.OperationKey ?? "call", code, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsUnavailable(args.Outcome.Exception)),
            OnOpened = args =>
            {
                ClientLog.CircuitOpened(logger, args.BreakDuration.TotalMilliseconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                ClientLog.CircuitHalfOpened(logger);
                return default;
            },
            OnClosed = _ =>
            {
                ClientLog.CircuitClosed(logger);
                return default;
            },
        });

        return builder.Build();
    }

    private static bool IsUnavailable(Exception? exception) =>
        exception is DecisionSupportException { StatusCode: StatusCode.Unavailable };
}
