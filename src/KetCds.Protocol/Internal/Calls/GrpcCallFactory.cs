using KetCds.Protocol.Internal.Http;
using Microsoft.AspNetCore.Http;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>Turns the request headers into a call: negotiated encoding, deadline and linked cancellation.</summary>
internal static class GrpcCallFactory
{
    // CancellationTokenSource timers cannot be longer than uint.MaxValue - 1 milliseconds (~49 days).
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>Creates the call context; throws <see cref="GrpcException"/> for an unsupported encoding or malformed timeout.</summary>
    public static GrpcCallContext Create(HttpContext http, GrpcRuntime runtime, string method, bool capDeadline)
    {
        var headers = http.Request.Headers;
        var requestIsGzip = ReadEncoding(headers.GrpcEncoding.ToString());

        var cap = capDeadline ? runtime.Options.MaxDeadline : Timeout.InfiniteTimeSpan;
        var timeout = cap;
        var timeoutHeader = headers.GrpcTimeout;
        if (timeoutHeader.Count != 0)
        {
            // Decision: a malformed grpc-timeout is a protocol violation answered with INTERNAL (as grpc-go does), not ignored.
            if (!GrpcTimeoutParser.TryParse(timeoutHeader.ToString(), out var clientTimeout))
            {
                throw new GrpcException(
                    GrpcStatusCode.Internal,
                    $"Malformed grpc-timeout header '{timeoutHeader}': expected 1-8 digits followed by one of H, M, S, m, u, n.");
            }

            timeout = cap == Timeout.InfiniteTimeSpan || clientTimeout < cap ? clientTimeout : cap;
        }

        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new GrpcCallContext(http, method, DateTimeOffset.MaxValue, new CancellationTokenSource(), requestIsGzip);
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new GrpcException(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded before the call started.");
        }

        if (timeout > LongestTimer)
        {
            timeout = LongestTimer;
        }

        var timeProvider = runtime.TimeProvider;
        var deadline = timeProvider.GetUtcNow() + timeout;
        return new GrpcCallContext(http, method, deadline, new CancellationTokenSource(timeout, timeProvider), requestIsGzip);
    }

    private static bool ReadEncoding(string encoding)
    {
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        throw new GrpcException(
            GrpcStatusCode.Unimplemented,
            $"Unsupported grpc-encoding '{encoding}'; this server accepts {GrpcHeaders.SupportedEncodings}.");
    }
}
