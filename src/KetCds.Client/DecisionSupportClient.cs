using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using KetCds.Client.Internal;
using KetCds.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Client;

/// <summary>
/// A thin, typed client of ketcds.v1.DecisionSupportService (and grpc.health.v1) over grpc-dotnet: the generated client on
/// a <see cref="GrpcChannel"/>, plus a default deadline per call, grpc-dotnet's retry policy for idempotent calls on
/// UNAVAILABLE, and a Polly circuit breaker. Failures are grpc-dotnet's <see cref="RpcException"/>; see
/// <see cref="RpcExceptionExtensions.FieldViolations"/> for the invalid fields of an INVALID_ARGUMENT.
/// </summary>
public sealed class DecisionSupportClient : IDisposable
{
    private const string CompressionHeader = "grpc-internal-encoding-request";

    private readonly DecisionSupportService.DecisionSupportServiceClient _service;
    private readonly Health.HealthClient _health;
    private readonly DecisionSupportClientOptions _options;
    private readonly DecisionSupportCircuitBreaker _breaker;
    private readonly GrpcChannel? _ownedChannel;

    /// <summary>Connects to <paramref name="address"/> (http:// for h2c, https:// for TLS) over a channel of its own.</summary>
    public DecisionSupportClient(Uri address, DecisionSupportClientOptions? options = null)
        : this(CreateChannel(address, options ?? new DecisionSupportClientOptions()), options, owned: true)
    {
    }

    /// <summary>Calls over an existing channel, which is not disposed; its own retry configuration applies.</summary>
    public DecisionSupportClient(GrpcChannel channel, DecisionSupportClientOptions? options = null)
        : this(channel, options, owned: false)
    {
    }

    /// <summary>Calls through <paramref name="callInvoker"/>; the constructor Grpc.Net.ClientFactory uses (see <see cref="DecisionSupportServiceCollectionExtensions"/>).</summary>
    [ActivatorUtilitiesConstructor]
    public DecisionSupportClient(CallInvoker callInvoker, DecisionSupportClientOptions options, DecisionSupportCircuitBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(breaker);
        options.Validate();
        _options = options;
        _breaker = breaker;
        _service = new DecisionSupportService.DecisionSupportServiceClient(callInvoker);
        _health = new Health.HealthClient(callInvoker);
    }

    private DecisionSupportClient(GrpcChannel channel, DecisionSupportClientOptions? options, bool owned)
        : this(channel.CreateCallInvoker(), options ??= new DecisionSupportClientOptions(), new DecisionSupportCircuitBreaker(options))
    {
        _ownedChannel = owned ? channel : null;
    }

    /// <summary>Evaluates one patient against the server's current rule set.</summary>
    public Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Unary("Evaluate", o => _service.EvaluateAsync(request, o).ResponseAsync, options);
    }

    /// <summary>
    /// Streams patients to the server as <paramref name="requests"/> produces them and yields each answer as it arrives, in
    /// request order. Never retried. If <paramref name="requests"/> throws, the call is cancelled and that same exception
    /// reaches the consumer. A batch has no deadline unless <paramref name="options"/> or the client's default gives one.
    /// </summary>
    public IAsyncEnumerable<EvaluateBatchResponse> EvaluateBatchAsync(IAsyncEnumerable<EvaluateBatchRequest> requests, CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return StreamBatch(requests, options);
    }

    /// <summary>Returns the identity and load status of the server's current rule set.</summary>
    public Task<GetRuleSetResponse> GetRuleSetAsync(CallOptions options = default) =>
        Unary("GetRuleSet", o => _service.GetRuleSetAsync(new GetRuleSetRequest(), o).ResponseAsync, options);

    /// <summary>Lists the rules of the server's current rule set.</summary>
    public Task<ListRulesResponse> ListRulesAsync(CallOptions options = default) =>
        Unary("ListRules", o => _service.ListRulesAsync(new ListRulesRequest(), o).ResponseAsync, options);

    /// <summary>Returns the source documents and claims the server's current rule set draws on.</summary>
    public Task<GetSourceCatalogResponse> GetSourceCatalogAsync(CallOptions options = default) =>
        Unary("GetSourceCatalog", o => _service.GetSourceCatalogAsync(new GetSourceCatalogRequest(), o).ResponseAsync, options);

    /// <summary>Asks grpc.health.v1.Health/Check for <paramref name="service"/> ("" is the server as a whole); NOT_FOUND when unknown.</summary>
    public async Task<ServingStatus> CheckHealthAsync(string service = "", CallOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var response = await Unary("Check", o => _health.CheckAsync(new HealthCheckRequest { Service = service }, o).ResponseAsync, options).ConfigureAwait(false);
        return response.Status;
    }

    /// <summary>Disposes the channel when this client created it.</summary>
    public void Dispose() => _ownedChannel?.Dispose();

    private static GrpcChannel CreateChannel(Uri address, DecisionSupportClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The server address '{address}' must be an absolute http:// (h2c) or https:// (TLS) URL.", nameof(address));
        }

        options.Validate();
        var channel = new GrpcChannelOptions { HttpHandler = ChannelSetup.Handler(options), DisposeHttpClient = true };
        ChannelSetup.Apply(channel, options, address);
        return GrpcChannel.ForAddress(address, channel);
    }

    private Task<TResponse> Unary<TResponse>(string method, Func<CallOptions, Task<TResponse>> call, CallOptions options)
    {
        var prepared = Prepare(options);
        return _breaker.ExecuteAsync(method, () => call(prepared));
    }

    private CallOptions Prepare(CallOptions options)
    {
        if (options.Deadline is null && _options.DefaultDeadline is { } timeout)
        {
            // grpc-dotnet measures deadlines on the system clock, so the default is computed on it too.
            options = options.WithDeadline(DateTime.UtcNow + timeout);
        }

        if (_options.CompressRequests)
        {
            var headers = new Metadata();
            foreach (var entry in options.Headers ?? [])
            {
                headers.Add(entry);
            }

            headers.Add(CompressionHeader, "gzip");
            options = options.WithHeaders(headers);
        }

        return options;
    }

    private async IAsyncEnumerable<EvaluateBatchResponse> StreamBatch(
        IAsyncEnumerable<EvaluateBatchRequest> requests, CallOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, cancellationToken);
        using var call = _service.EvaluateBatch(Prepare(options).WithCancellationToken(stop.Token));
        var producerFailure = Channel.CreateBounded<Exception>(1);
        var pump = PumpAsync(requests, call.RequestStream, stop, producerFailure.Writer);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false);
                }
                catch (RpcException) when (producerFailure.Reader.TryRead(out var failure))
                {
                    // The call was cancelled because the caller's own request sequence failed: that is the error to see.
                    throw new AggregateException(failure).InnerException!;
                }

                if (!more)
                {
                    break;
                }

                yield return call.ResponseStream.Current;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }

        if (producerFailure.Reader.TryRead(out var late))
        {
            throw new AggregateException(late).InnerException!;
        }
    }

    private static async Task PumpAsync(
        IAsyncEnumerable<EvaluateBatchRequest> requests,
        IClientStreamWriter<EvaluateBatchRequest> writer,
        CancellationTokenSource stop,
        ChannelWriter<Exception> failures)
    {
        try
        {
            await foreach (var request in requests.WithCancellation(stop.Token).ConfigureAwait(false))
            {
                await writer.WriteAsync(request, stop.Token).ConfigureAwait(false);
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The call ended (or the consumer stopped reading) first; nothing more to send.
        }
        catch (RpcException)
        {
            // The server ended the call; the reader sees its status.
        }
        catch (Exception ex)
        {
            failures.TryWrite(ex);
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
