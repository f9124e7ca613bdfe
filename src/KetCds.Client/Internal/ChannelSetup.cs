using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using KetCds.Contracts.V1;

namespace KetCds.Client.Internal;

/// <summary>How the client configures the grpc-dotnet channels it creates or registers.</summary>
internal static class ChannelSetup
{
    /// <summary>
    /// grpc-dotnet's retry policy for the idempotent methods (every unary one; never the batch stream), retrying only
    /// UNAVAILABLE with exponential, jittered backoff.
    /// </summary>
    public static ServiceConfig? RetryConfig(DecisionSupportClientOptions options)
    {
        if (options.MaxRetries == 0)
        {
            return null;
        }

        var retry = new MethodConfig
        {
            Names =
            {
                new MethodName { Service = DecisionSupportService.Descriptor.FullName, Method = "Evaluate" },
                new MethodName { Service = DecisionSupportService.Descriptor.FullName, Method = "GetRuleSet" },
                new MethodName { Service = DecisionSupportService.Descriptor.FullName, Method = "ListRules" },
                new MethodName { Service = DecisionSupportService.Descriptor.FullName, Method = "GetSourceCatalog" },
                new MethodName { Service = Health.Descriptor.FullName, Method = "Check" },
            },
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = options.MaxRetries + 1,
                InitialBackoff = options.BaseDelay,
                MaxBackoff = options.MaxDelay,
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        return new ServiceConfig { MethodConfigs = { retry } };
    }

    /// <summary>Applies the options to channel options (limits, retries, logging, call credentials).</summary>
    public static void Apply(GrpcChannelOptions channel, DecisionSupportClientOptions options, Uri address)
    {
        if (options.BearerToken is { } token)
        {
            var bearer = "Bearer " + token;
            var credentials = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", bearer);
                return Task.CompletedTask;
            });
            var secure = address.Scheme == Uri.UriSchemeHttps;
            channel.Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, credentials);
            // grpc-dotnet drops call credentials on cleartext channels unless told otherwise; so do we, unless asked.
            channel.UnsafeUseInsecureChannelCallCredentials = !secure && options.AllowBearerTokenOverPlaintext;
        }

        channel.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        channel.MaxRetryAttempts = options.MaxRetries + 1;
        channel.ServiceConfig = RetryConfig(options);
        channel.LoggerFactory = options.LoggerFactory;
    }

    /// <summary>The HTTP/2 handler of a channel this client creates: TLS settings from the options, keep-alive pings.</summary>
    public static SocketsHttpHandler Handler(DecisionSupportClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Calls multiplex on one connection; more open only when the server's stream limit is reached.
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (options.ClientCertificates is { } certificates)
        {
            handler.SslOptions.ClientCertificates = certificates;
        }

        if (options.ServerCertificateValidation is { } validation)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        }
        else if (options.TrustedCertificateAuthorities is { Count: > 0 } authorities)
        {
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }

        return handler;
    }
}
