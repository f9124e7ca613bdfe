using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace KetCds.Client;

/// <summary>Deadlines, limits, compression, retry and circuit-breaker settings of a <see cref="DecisionSupportClient"/>.</summary>
public sealed record DecisionSupportClientOptions
{
    /// <summary>The most retries grpc-dotnet allows a call (five attempts in all).</summary>
    public const int MaxRetriesLimit = 4;

    /// <summary>Deadline applied to calls whose <see cref="Grpc.Core.CallOptions"/> set none; null means no deadline (default 30 s).</summary>
    public TimeSpan? DefaultDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest response message accepted, in bytes, after decompression (default 4 MiB).</summary>
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>When true, request messages are gzip-compressed and sent with <c>grpc-encoding: gzip</c> (default false).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>
    /// Retries after the first attempt of an idempotent call that failed with UNAVAILABLE, by grpc-dotnet's retry policy
    /// (at most 4, its limit of 5 attempts); 0 disables retries (default 3). Applies to channels this client configures.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Backoff before the first retry; later retries double it, each delay drawn at random below it (default 200 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of any single retry delay (default 5 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of failed attempts within the sampling window that opens the circuit, in (0, 1] (default 0.5).</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed within the sampling window before the circuit may open, at least 2 (default 10).</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    /// <summary>Window over which the failure ratio is measured, at least 500 ms (default 30 s).</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting a probe through, at least 500 ms (default 5 s).</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock of the circuit breaker (default <see cref="TimeProvider.System"/>); deadlines use grpc-dotnet's clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the client (and grpc-dotnet's channel) log calls, retries and circuit changes; null disables logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Client certificates offered during the TLS handshake (mutual TLS), for channels this client creates.</summary>
    public X509CertificateCollection? ClientCertificates { get; init; }

    /// <summary>Replaces the platform's server-certificate check (e.g. to pin a private CA), for channels this client creates.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Certificate authorities the server's certificate must chain to, instead of the platform's (a private CA); ignored when <see cref="ServerCertificateValidation"/> is set.</summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; init; }

    /// <summary>An OAuth bearer token (JWT) sent with every call as call credentials (<c>authorization: Bearer …</c>).</summary>
    public string? BearerToken { get; init; }

    /// <summary>Also send <see cref="BearerToken"/> over cleartext h2c (http://); off, so a token is only ever sent under TLS unless asked.</summary>
    public bool AllowBearerTokenOverPlaintext { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option whose value is out of range.</summary>
    public void Validate()
    {
        if (DefaultDeadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            throw Invalid(nameof(DefaultDeadline), $"must be positive or null, was {deadline}");
        }

        if (MaxReceiveMessageSize < 1)
        {
            throw Invalid(nameof(MaxReceiveMessageSize), $"must be at least 1 byte, was {MaxReceiveMessageSize}");
        }

        if (MaxRetries is < 0 or > MaxRetriesLimit)
        {
            throw Invalid(nameof(MaxRetries), $"must be between 0 and {MaxRetriesLimit}, was {MaxRetries}");
        }

        if (BaseDelay <= TimeSpan.Zero || BaseDelay > TimeSpan.FromDays(1))
        {
            throw Invalid(nameof(BaseDelay), $"must be greater than 0 and at most 1 day, was {BaseDelay}");
        }

        if (MaxDelay < BaseDelay || MaxDelay > TimeSpan.FromDays(1))
        {
            throw Invalid(nameof(MaxDelay), $"must be between BaseDelay ({BaseDelay}) and 1 day, was {MaxDelay}");
        }

        if (!(BreakerFailureRatio > 0 && BreakerFailureRatio <= 1))
        {
            throw Invalid(nameof(BreakerFailureRatio), $"must be greater than 0 and at most 1, was {BreakerFailureRatio}");
        }

        if (BreakerMinimumThroughput < 2)
        {
            throw Invalid(nameof(BreakerMinimumThroughput), $"must be at least 2, was {BreakerMinimumThroughput}");
        }

        ValidateBreakerWindow(nameof(BreakerSamplingDuration), BreakerSamplingDuration);
        ValidateBreakerWindow(nameof(BreakerBreakDuration), BreakerBreakDuration);

        if (BearerToken is { } token && (token.Length == 0 || token.Any(char.IsWhiteSpace)))
        {
            throw Invalid(nameof(BearerToken), "must be a non-empty token without white space");
        }

        if (TimeProvider is null)
        {
            throw Invalid(nameof(TimeProvider), "must not be null");
        }
    }

    private static void ValidateBreakerWindow(string name, TimeSpan value)
    {
        if (value < TimeSpan.FromMilliseconds(500) || value > TimeSpan.FromDays(1))
        {
            throw Invalid(name, $"must be between 500 ms and 1 day, was {value}");
        }
    }

    private static ArgumentException Invalid(string option, string problem) =>
        new($"DecisionSupportClientOptions.{option} {problem}.", option);
}
