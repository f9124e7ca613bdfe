using KetCds.Protocol.Internal.Calls;
using KetCds.Protocol.Internal.Http;
using Microsoft.AspNetCore.Http;

namespace KetCds.Protocol;

/// <summary>Per-call state handed to a handler: cancellation, deadline, metadata in both directions, method and peer.</summary>
public sealed class GrpcCallContext
{
    private readonly HttpContext _http;
    private readonly CancellationTokenSource _cts;
    private CancellationTokenRegistration _abortRegistration;
    private CancellationTokenRegistration _stopRegistration;
    private int _cancelReason;
    private IReadOnlyList<GrpcMetadataEntry>? _requestHeaders;
    private List<KeyValuePair<string, string>>? _trailers;

    internal GrpcCallContext(HttpContext http, string method, DateTimeOffset deadline, CancellationTokenSource cts, bool requestIsGzip)
    {
        _http = http;
        Method = method;
        Deadline = deadline;
        _cts = cts;
        RequestIsGzip = requestIsGzip;
    }

    /// <summary>Fires when the client cancels or disconnects, when the deadline passes, or when the server shuts down.</summary>
    public CancellationToken CancellationToken => _cts.Token;

    /// <summary>When the call expires: the client's <c>grpc-timeout</c> capped by the server's maximum deadline.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>The method path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>The client address, e.g. <c>ipv4:127.0.0.1:50312</c> or <c>ipv6:[::1]:50312</c>.</summary>
    public string Peer
    {
        get
        {
            var connection = _http.Connection;
            var address = connection.RemoteIpAddress;
            if (address is null)
            {
                return "unknown";
            }

            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"ipv6:[{address}]:{connection.RemotePort}"
                : $"ipv4:{address}:{connection.RemotePort}";
        }
    }

    /// <summary>The request's services scope, for handlers that resolve per-call dependencies.</summary>
    public IServiceProvider RequestServices => _http.RequestServices;

    /// <summary>Custom request metadata in arrival order (protocol headers excluded; <c>-bin</c> values base64-decoded).</summary>
    public IReadOnlyList<GrpcMetadataEntry> RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    internal bool RequestIsGzip { get; }

    internal bool MessageWritten { get; set; }

    internal HttpContext HttpContext => _http;

    internal CancelReason CancelReason => (CancelReason)Volatile.Read(ref _cancelReason);

    internal IReadOnlyList<KeyValuePair<string, string>>? ResponseTrailers => _trailers;

    /// <summary>The first ASCII value of a custom request header, or null.</summary>
    public string? GetRequestHeader(string key)
    {
        foreach (var entry in RequestHeaders)
        {
            if (!entry.IsBinary && entry.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }

        return null;
    }

    /// <summary>The first decoded value of a custom <c>-bin</c> request header, or null.</summary>
    public byte[]? GetRequestBinaryHeader(string key)
    {
        foreach (var entry in RequestHeaders)
        {
            if (entry.IsBinary && entry.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return entry.BinaryValue;
            }
        }

        return null;
    }

    /// <summary>Adds an ASCII response header; only possible before the first response message is written.</summary>
    public void AddResponseHeader(string key, string value)
    {
        MetadataCodec.ValidateKey(key, binary: false);
        MetadataCodec.ValidateAsciiValue(key, value);
        AppendHeader(key, value);
    }

    /// <summary>Adds a binary (<c>-bin</c>) response header; only possible before the first response message is written.</summary>
    public void AddResponseHeader(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        MetadataCodec.ValidateKey(key, binary: true);
        AppendHeader(key, MetadataCodec.EncodeBinary(value));
    }

    /// <summary>Adds an ASCII response trailer, sent with the final status.</summary>
    public void AddResponseTrailer(string key, string value)
    {
        MetadataCodec.ValidateKey(key, binary: false);
        MetadataCodec.ValidateAsciiValue(key, value);
        (_trailers ??= []).Add(new(key, value));
    }

    /// <summary>Adds a binary (<c>-bin</c>) response trailer, sent with the final status.</summary>
    public void AddResponseTrailer(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        MetadataCodec.ValidateKey(key, binary: true);
        (_trailers ??= []).Add(new(key, MetadataCodec.EncodeBinary(value)));
    }

    internal void LinkCancellation(CancellationToken requestAborted, CancellationToken stopping)
    {
        if (requestAborted.CanBeCanceled)
        {
            _abortRegistration = requestAborted.UnsafeRegister(
                static state => ((GrpcCallContext)state!).Cancel(CancelReason.ClientCancelled), this);
        }

        if (stopping.CanBeCanceled)
        {
            _stopRegistration = stopping.UnsafeRegister(
                static state => ((GrpcCallContext)state!).Cancel(CancelReason.ServerShutdown), this);
        }
    }

    /// <summary>Marks the call cancelled by the client when the transport reports the client went away.</summary>
    internal void CancelByClient() => Cancel(CancelReason.ClientCancelled);

    internal void Release()
    {
        _abortRegistration.Dispose();
        _stopRegistration.Dispose();
        _cts.Dispose();
    }

    private void Cancel(CancelReason reason)
    {
        Interlocked.CompareExchange(ref _cancelReason, (int)reason, (int)CancelReason.None);
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call already finished; nothing is left to cancel.
        }
    }

    private void AppendHeader(string key, string value)
    {
        if (MessageWritten || _http.Response.HasStarted)
        {
            throw new InvalidOperationException(
                $"Response header '{key}' cannot be added after the first response message has been written.");
        }

        _http.Response.Headers.Append(key, value);
    }

    private List<GrpcMetadataEntry> ReadRequestHeaders()
    {
        var entries = new List<GrpcMetadataEntry>();
        foreach (var header in _http.Request.Headers)
        {
            if (MetadataCodec.IsReserved(header.Key))
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            var binary = MetadataCodec.IsBinaryKey(key);
            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }

                if (!binary)
                {
                    entries.Add(new GrpcMetadataEntry(key, value, null));
                    continue;
                }

                // Several binary values may arrive joined by commas, each separately encoded.
                foreach (var part in value.Split(','))
                {
                    var bytes = MetadataCodec.TryDecodeBinary(part)
                        ?? throw new GrpcException(GrpcStatusCode.Internal, $"Request metadata '{key}' is not valid base64.");
                    entries.Add(new GrpcMetadataEntry(key, null, bytes));
                }
            }
        }

        return entries;
    }
}
