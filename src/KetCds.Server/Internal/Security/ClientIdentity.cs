using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace KetCds.Server.Internal.Security;

/// <summary>Who a call came from, as recorded in the audit trail and used to key rate limits.</summary>
internal static class ClientIdentity
{
    /// <summary>
    /// The token's <c>iss</c>/<c>sub</c> when a token was validated, and the certificate the TLS handshake received (its
    /// subject and SHA-256 thumbprint) when there was one; empty for an anonymous caller.
    /// </summary>
    public static string Subject(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var parts = new List<string>(2);
        if (http.User.FindFirst("sub")?.Value is { } subject)
        {
            parts.Add(http.User.FindFirst("iss")?.Value is { } issuer ? $"token {issuer} {subject}" : $"token {subject}");
        }

        if (http.Connection.ClientCertificate is { } certificate)
        {
            parts.Add($"certificate {certificate.Subject} sha256:{certificate.GetCertHashString(HashAlgorithmName.SHA256)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The peer's IP address and port.</summary>
    public static string Address(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var connection = http.Connection;
        return connection.RemoteIpAddress is { } ip
            ? string.Create(CultureInfo.InvariantCulture, $"{ip}:{connection.RemotePort}")
            : string.Empty;
    }

    /// <summary>The rate-limit partition: the token subject, else the certificate thumbprint, else the IP address.</summary>
    public static string RateLimitKey(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.User.FindFirst("sub")?.Value is { } subject)
        {
            return "sub:" + subject;
        }

        if (http.Connection.ClientCertificate is { } certificate)
        {
            return "cert:" + certificate.GetCertHashString(HashAlgorithmName.SHA256);
        }

        return "ip:" + http.Connection.RemoteIpAddress;
    }
}
