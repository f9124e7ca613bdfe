using Grpc.Core;
using KetCds.Client.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace KetCds.Client;

/// <summary>
/// A Polly circuit breaker shared by every <see cref="DecisionSupportClient"/> of one server: after repeated UNAVAILABLE
/// outcomes (counted after grpc-dotnet's retries) calls fail fast with UNAVAILABLE until a probe succeeds.
/// </summary>
public sealed class DecisionSupportCircuitBreaker
{
    /// <summary>The status detail of calls rejected while the circuit is open.</summary>
    public const string OpenCircuitDetail = "the client's circuit breaker is open after repeated UNAVAILABLE failures; the server was not called";

    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <summary>Creates a breaker with the thresholds and clock of <paramref name="options"/>.</summary>
    public DecisionSupportCircuitBreaker(DecisionSupportClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DecisionSupportCircuitBreaker>();
        _pipeline = new ResiliencePipelineBuilder { Name = "ketcds-client", TimeProvider = options.TimeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable }),
                OnOpened = args =>
                {
                    ClientLog.CircuitOpened(_logger, args.BreakDuration.TotalMilliseconds);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    ClientLog.CircuitHalfOpened(_logger);
                    return default;
                },
                OnClosed = _ =>
                {
                    ClientLog.CircuitClosed(_logger);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="call"/> through the breaker; an open circuit fails with UNAVAILABLE without calling.</summary>
    internal async Task<TResponse> ExecuteAsync<TResponse>(string method, Func<Task<TResponse>> call)
    {
        try
        {
            return await _pipeline.ExecuteAsync(static async (call, _) => await call().ConfigureAwait(false), call, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            ClientLog.CircuitRejected(_logger, method);
            throw new RpcException(new Status(StatusCode.Unavailable, OpenCircuitDetail, ex));
        }
    }
}
