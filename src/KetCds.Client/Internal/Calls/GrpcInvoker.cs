using System.Net.Http.Headers;
using KetCds.Client.Internal.Framing;
using KetCds.Client.Internal.Http;
using KetCds.Client.Internal.Logging;
using KetCds.Client.Internal.Methods;
using KetCds.Client.Internal.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace KetCds.Client.Internal.Calls;

/// <summary>Runs gRPC calls over an <see cref="HttpClient"/> through the client's resilience pipeline.</summary>
internal sealed class GrpcInvoker(
    HttpClient http,
    Uri baseAddress,
    DecisionSupportClientOptions options,
    ResiliencePipeline pipeline,
    ILogger logger)
{
    private static readonly CallOptions NoCallOptions = new();

    public async Task<TResponse> UnaryAsync<TResponse>(
        GrpcMethod method,
        byte[] requestMessage,
        Func<byte[], TResponse> parse,
        CallOptions? callOptions)
    {
        callOptions ??= NoCallOptions;
        GrpcRequestFactory.ValidateMetadata(callOptions.Headers);
        using var scope = CallScope.Start(callOptions, options, CancellationToken.None);
        var framed = MessageFramer.Frame(requestMessage, options.CompressRequests);
        var started = options.TimeProvider.GetTimestamp();
        var metadata = ResponseMetadata.Empty;
        var attempt = 0;

        var context = ResilienceContextPool.Shared.Get(method.Path, scope.Token);
        context.Properties.Set(ClientResilience.Idempotent, method.Idempotent);
        try
        {
            var response = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempt++;
                    metadata = ResponseMetadata.Empty;
                    return await UnaryAttemptAsync(method, framed, parse, callOptions, scope, attempt, m => metadata = m, ctx.CancellationToken)
                        .ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
            ClientLog.CallSucceeded(logger, method.Path, options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            var failure = (DecisionSupportException)ToCallException(exception, scope, method, null);
            ClientLog.CallFailed(logger, method.Path, failure.StatusCode, failure.Detail);
            if (ReferenceEquals(failure, exception))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            callOptions.OnResponseMetadata?.Invoke(metadata);
        }
    }

    public async Task<StreamingCall<TRequest, TResponse>> StartStreamingAsync<TRequest, TResponse>(
        GrpcMethod method,
        IAsyncEnumerable<TRequest> requests,
        Func<TRequest, byte[]> serialize,
        Func<byte[], TResponse> parse,
        CallOptions? callOptions,
        CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        callOptions ??= NoCallOptions;
        GrpcRequestFactory.ValidateMetadata(callOptions.Headers);
        var scope = CallScope.Start(callOptions, options, cancellationToken);
        var content = new StreamingRequestContent<TRequest>(requests, serialize, options.CompressRequests, scope.Token);
        content.SetGrpcContentType();
        var context = ResilienceContextPool.Shared.Get(method.Path, scope.Token);
        context.Properties.Set(ClientResilience.Idempotent, false);
        HttpResponseMessage? response = null;
        try
        {
            // Only opening the stream goes through the pipeline: the breaker sees connection failures; nothing is retried.
            response = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    var request = GrpcRequestFactory.Create(
                        baseAddress, method, content, callOptions.Headers, scope.RemainingOrThrow(), options.CompressRequests);
                    try
                    {
                        ClientLog.CallStarting(logger, method.Path, 1, request.Headers.TryGetValues(GrpcHeaders.Timeout, out var t) ? t.First() : "none");
                        var opened = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken)
                            .ConfigureAwait(false);

                        // A Trailers-Only failure is decided here, inside the pipeline, so the breaker counts it.
                        if (ResponseStatusReader.FromResponseHeaders(opened) is { IsOk: false } early)
                        {
                            opened.Dispose();
                            callOptions.OnResponseMetadata?.Invoke(new ResponseMetadata([], early.Trailers));
                            throw early.ToException();
                        }

                        return opened;
                    }
                    catch (Exception exception) when (MapTransport(exception, content.ProducerFault) is { } mapped)
                    {
                        throw mapped;
                    }
                },
                context).ConfigureAwait(false);

            var call = new StreamingCall<TRequest, TResponse>(this, method, scope, content, response, parse, callOptions);
            await call.InitializeAsync().ConfigureAwait(false);
            ClientLog.StreamOpened(logger, method.Path);
            return call;
        }
        catch (Exception exception)
        {
            response?.Dispose();
            var failure = ToCallException(exception, scope, method, content.ProducerFault);
            scope.Abandon();
            scope.Dispose();
            if (failure is DecisionSupportException known)
            {
                ClientLog.CallFailed(logger, method.Path, known.StatusCode, known.Detail);
            }

            if (ReferenceEquals(failure, exception))
            {
                throw;
            }

            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public int MaxReceiveMessageSize => options.MaxReceiveMessageSize;

    public void LogFailure(GrpcMethod method, DecisionSupportException failure) =>
        ClientLog.CallFailed(logger, method.Path, failure.StatusCode, failure.Detail);

    /// <summary>The exception a caller should see for <paramref name="exception"/>: the producer's own fault, or a gRPC status.</summary>
    public static Exception ToCallException(Exception exception, CallScope scope, GrpcMethod method, Exception? producerFault)
    {
        if (producerFault is not null)
        {
            return producerFault;
        }

        return exception switch
        {
            DecisionSupportException known => known,
            BrokenCircuitException open => new DecisionSupportException(
                StatusCode.Unavailable,
                $"The circuit breaker is open after repeated UNAVAILABLE failures; {method.Path} was not sent."
                + (open.RetryAfter is { } after ? $" Retry after {after.TotalMilliseconds:0} ms." : string.Empty),
                null,
                [],
                open),
            OperationCanceledException cancelled => scope.MapCancellation(cancelled),
            _ => TransportErrorMapper.TryMap(exception) ?? new DecisionSupportException(
                StatusCode.Unknown, $"The call failed unexpectedly: {exception.Message}", null, [], exception),
        };
    }

    /// <summary>A gRPC status for a transport failure inside an attempt; null lets cancellations and statuses pass.</summary>
    public static DecisionSupportException? MapTransport(Exception exception, Exception? producerFault)
    {
        if (exception is OperationCanceledException or DecisionSupportException || producerFault is not null)
        {
            return null;
        }

        return TransportErrorMapper.TryMap(exception);
    }

    private async Task<TResponse> UnaryAttemptAsync<TResponse>(
        GrpcMethod method,
        byte[] framed,
        Func<byte[], TResponse> parse,
        CallOptions callOptions,
        CallScope scope,
        int attempt,
        Action<ResponseMetadata> onMetadata,
        CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(framed);
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcHeaders.ContentType);
        using var request = GrpcRequestFactory.Create(
            baseAddress, method, content, callOptions.Headers, scope.RemainingOrThrow(), options.CompressRequests);
        ClientLog.CallStarting(logger, method.Path, attempt, request.Headers.TryGetValues(GrpcHeaders.Timeout, out var t) ? t.First() : "none");

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            var headers = ResponseMetadataReader.Read(response.Headers);
            if (ResponseStatusReader.FromResponseHeaders(response) is { } early)
            {
                onMetadata(new ResponseMetadata([], early.Trailers));
                throw early.IsOk
                    ? new DecisionSupportException(StatusCode.Internal, "The server ended the call with OK but sent no response message.")
                    : early.ToException();
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var reader = new MessageReader(
                body, options.MaxReceiveMessageSize, ResponseMetadataReader.First(response.Headers, GrpcHeaders.Encoding));
            var message = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var extra = 0;
            if (message is not null)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    extra++;
                }
            }

            var status = ResponseStatusReader.FromTrailers(response);
            onMetadata(new ResponseMetadata(headers, status.Trailers));
            if (!status.IsOk)
            {
                throw status.ToException();
            }

            if (message is null || extra > 0)
            {
                throw new DecisionSupportException(
                    StatusCode.Internal,
                    $"A unary call must return exactly one message; the server sent {(message is null ? 0 : 1 + extra)}.");
            }

            return parse(message);
        }
        catch (Exception exception) when (MapTransport(exception, null) is { } mapped)
        {
            throw mapped;
        }
    }
}
