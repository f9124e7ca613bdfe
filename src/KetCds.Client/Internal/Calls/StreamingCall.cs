using KetCds.Client.Internal.Framing;
using KetCds.Client.Internal.Http;
using KetCds.Client.Internal.Methods;

namespace KetCds.Client.Internal.Calls;

/// <summary>An open bidirectional call: requests flow from the caller's sequence while responses are read one by one.</summary>
internal sealed class StreamingCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcInvoker _invoker;
    private readonly GrpcMethod _method;
    private readonly CallScope _scope;
    private readonly StreamingRequestContent<TRequest> _content;
    private readonly HttpResponseMessage _response;
    private readonly Func<byte[], TResponse> _parse;
    private readonly CallOptions _callOptions;
    private IReadOnlyList<MetadataEntry> _headers = [];
    private MessageReader? _reader;
    private bool _finished;
    private bool _metadataReported;

    public StreamingCall(
        GrpcInvoker invoker,
        GrpcMethod method,
        CallScope scope,
        StreamingRequestContent<TRequest> content,
        HttpResponseMessage response,
        Func<byte[], TResponse> parse,
        CallOptions callOptions)
    {
        _invoker = invoker;
        _method = method;
        _scope = scope;
        _content = content;
        _response = response;
        _parse = parse;
        _callOptions = callOptions;
    }

    /// <summary>Checks the response headers; a Trailers-Only response ends the call here.</summary>
    public async Task InitializeAsync()
    {
        _headers = ResponseMetadataReader.Read(_response.Headers);
        if (ResponseStatusReader.FromResponseHeaders(_response) is { } early)
        {
            _finished = true;
            ReportMetadata(new ResponseMetadata([], early.Trailers));
            if (!early.IsOk)
            {
                throw early.ToException();
            }

            return;
        }

        var body = await _response.Content.ReadAsStreamAsync(_scope.Token).ConfigureAwait(false);
        _reader = new MessageReader(
            body, _invoker.MaxReceiveMessageSize, ResponseMetadataReader.First(_response.Headers, GrpcHeaders.Encoding));
    }

    /// <summary>The next response as it arrives, or null once the server ended the call with OK.</summary>
    public async ValueTask<TResponse?> ReadNextAsync()
    {
        if (_finished || _reader is null)
        {
            return null;
        }

        try
        {
            var message = await _reader.ReadAsync(_scope.Token).ConfigureAwait(false);
            if (message is not null)
            {
                return _parse(message);
            }

            _finished = true;
            var status = ResponseStatusReader.FromTrailers(_response);
            ReportMetadata(new ResponseMetadata(_headers, status.Trailers));
            if (!status.IsOk)
            {
                throw status.ToException();
            }

            return null;
        }
        catch (Exception exception)
        {
            _finished = true;
            ReportMetadata(new ResponseMetadata(_headers, []));
            var failure = GrpcInvoker.ToCallException(exception, _scope, _method, _content.ProducerFault);
            if (failure is DecisionSupportException known)
            {
                _invoker.LogFailure(_method, known);
            }

            if (ReferenceEquals(failure, exception))
            {
                throw;
            }

            throw failure;
        }
    }

    public ValueTask DisposeAsync()
    {
        // Stopping early (break, exception in the consumer) must stop the producer and reset the HTTP/2 stream;
        // after a normal end this only stops a producer the server no longer listens to.
        _scope.Abandon();

        _response.Dispose();
        _content.Dispose();
        _scope.Dispose();
        ReportMetadata(new ResponseMetadata(_headers, []));
        return ValueTask.CompletedTask;
    }

    private void ReportMetadata(ResponseMetadata metadata)
    {
        if (_metadataReported)
        {
            return;
        }

        _metadataReported = true;
        _callOptions.OnResponseMetadata?.Invoke(metadata);
    }
}
