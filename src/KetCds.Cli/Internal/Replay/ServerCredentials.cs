using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetCds.Cli.Internal.Common;
using KetCds.Client;

namespace KetCds.Cli.Internal.Replay;

/// <summary>How <c>replay --server</c> proves who it is and whom it trusts: a bearer token, a client certificate, a private CA.</summary>
/// <param name="TokenFile">File holding the bearer token (read from a file so it never shows in the process list).</param>
/// <param name="ClientCertificate">PKCS#12 file of the client certificate and its key.</param>
/// <param name="ClientCertificatePassword">Password of that file, if any.</param>
/// <param name="CaFile">PEM file of the CA(s) the server's certificate must chain to, instead of the system's.</param>
internal sealed record ServerCredentials(string? TokenFile, string? ClientCertificate, string? ClientCertificatePassword, string? CaFile)
{
    /// <summary>Whether the token may also go to an http:// (cleartext) address.</summary>
    public bool AllowTokenOverPlaintext { get; init; }

    /// <summary>Client options carrying these credentials on top of <paramref name="options"/>.</summary>
    public DecisionSupportClientOptions Apply(DecisionSupportClientOptions options)
    {
        try
        {
            var token = TokenFile is null ? null : File.ReadAllText(TokenFile).Trim();
            if (token is { Length: 0 })
            {
                throw new CliException($"--token-file '{TokenFile}' is empty");
            }

            X509Certificate2Collection? authorities = null;
            if (CaFile is not null)
            {
                authorities = [];
                authorities.ImportFromPemFile(CaFile);
            }

            return options with
            {
                BearerToken = token,
                AllowBearerTokenOverPlaintext = AllowTokenOverPlaintext,
                ClientCertificates = ClientCertificate is null ? null : [X509CertificateLoader.LoadPkcs12FromFile(ClientCertificate, ClientCertificatePassword)],
                TrustedCertificateAuthorities = authorities,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CliException($"cannot read the server credentials: {e.Message}", e);
        }
    }
}
