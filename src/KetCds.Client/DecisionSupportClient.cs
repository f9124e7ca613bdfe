using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using KetCds.Client.Internal.Calls;
using KetCds.Client.Internal.Health;
using KetCds.Client.Internal.Methods;
using KetCds.Client.Internal.Resilience;
using KetCds.Contracts.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KetCds.Client;

/// <summary>
/// Calls the ketcds.v1 DecisionSupportService (and grpc.health.v1) over gRPC on HTTP/2, with deadlines, retries and a circuit breaker.
/// Every failure, including caller cancellation (CANCELLED) and a passed deadline (DEADLINE_EXCEEDED), is a <see cref="DecisionSupportException"/>.
/// </summary>
public sealed class DecisionSupportClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly GrpcInvoker _invoker;
    private bool _disposed;

    /// <summary>Connects to <paramref name="address"/> (http:// for h2c, https:// for TLS) with its own HTTP/2 connection pool.</summary>
    public DecisionSupportClient(Uri address, DecisionSupportClientOptions? options = null)
        : this(CreateHttpClient(address), ownsHttp: true, options)
    {
    }

    /// <summary>Uses an existing <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the server; the client is not disposed.</summary>
    public DecisionSupportClient(HttpClient httpClient, DecisionSupportClientOptions? options = null)
        : this(httpClient, ownsHttp: false, options)
    {
    }

    private DecisionSupportClient(HttpClient httpClient, bool ownsHttp, DecisionSupportClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var address = httpClient.BaseAddress
            ?? throw new ArgumentException("HttpClient.BaseAddress must be set to the server's address.", nameof(httpClient));
        ValidateAddress(address, nameof(httpClient));
        options ??= new DecisionSupportClientOptions();
        options.Validate();

        _http = httpClient;
        _ownsHttp = ownsHttp;
        Address = address;
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DecisionSupportClient>();
        _invoker = new GrpcInvoker(httpClient, address, options, ClientResilience.Build(options, logger), logger);
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    /// <summary>Evaluates one patient against the server's current rule set.</summary>
    public Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Unary(ServiceMethods.Evaluate, request, EvaluateResponse.Parser, options);
    }

    /// <summary>
    /// Streams patients to the server as <paramref name="requests"/> produces them and yields each answer as it arrives, in request order.
    /// Never retried. If <paramref name="requests"/> throws, the stream is reset and that same exception reaches the consumer.
    /// </summary>
    public IAsyncEnumerable<EvaluateBatchResponse> EvaluateBatchAsync(
        IAsyncEnumerable<EvaluateBatchRequest> requests,
        CallOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return StreamBatch(requests, options, cancellationToken);
    }

    /// <summary>Returns the identity and load status of the server's current rule set.</summary>
    public Task<GetRuleSetResponse> GetRuleSetAsync(GetRuleSetRequest? request = null, CallOptions? options = null) =>
        Unary(ServiceMethods.GetRuleSet, request ?? new GetRuleSetRequest(), GetRuleSetResponse.Parser, options);

    /// <summary>Lists the rules of the server's current rule set.</summary>
    public Task<ListRulesResponse> ListRulesAsync(ListRulesRequest? request = null, CallOptions? options = null) =>
        Unary(ServiceMethods.ListRules, request ?? new ListRulesRequest(), ListRulesResponse.Parser, options);

    /// <summary>Returns the source documents and claims the server's current rule set draws on.</summary>
    public Task<GetSourceCatalogResponse> GetSourceCatalogAsync(GetSourceCatalogRequest? request = null, CallOptions? options = null) =>
        Unary(ServiceMethods.GetSourceCatalog, request ?? new GetSourceCatalogRequest(), GetSourceCatalogResponse.Parser, options);

    /// <summary>Asks grpc.health.v1.Health/Check for <paramref name="service"/> ("" is the server as a whole).</summary>
    public Task<HealthStatus> CheckHealthAsync(string service = "", CallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _invoker.UnaryAsync(ServiceMethods.HealthCheck, HealthCheckCodec.EncodeRequest(service), HealthCheckCodec.DecodeResponse, options);
    }

    /// <summary>Releases the HTTP connections when the client created them.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static HttpClient CreateHttpClient(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        ValidateAddress(address, nameof(address));
        var handler = new SocketsHttpHandler
        {
            // gRPC multiplexes many calls on one connection; more connections only when the server's stream limit is hit.
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            // Deadlines are per call; HttpClient's own 100 s timeout would cut long batches short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static void ValidateAddress(Uri address, string parameterName)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"The server address '{address}' must be an absolute http:// (h2c) or https:// (TLS) URL.", parameterName);
        }
    }

    private Task<TResponse> Unary<TRequest, TResponse>(
        GrpcMethod method, TRequest request, MessageParser<TResponse> parser, CallOptions? options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _invoker.UnaryAsync(method, request.ToByteArray(), parser.ParseFrom, options);
    }

    private async IAsyncEnumerable<EvaluateBatchResponse> StreamBatch(
        IAsyncEnumerable<EvaluateBatchRequest> requests,
        CallOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = await _invoker.StartStreamingAsync(
            ServiceMethods.EvaluateBatch,
            requests,
            static r => r.ToByteArray(),
            EvaluateBatchResponse.Parser.ParseFrom,
            options,
            cancellationToken).ConfigureAwait(false);
        await using (call.ConfigureAwait(false))
        {
            while (await call.ReadNextAsync().ConfigureAwait(false) is { } response)
            {
                yield return response;
            }
        }
    }
}
