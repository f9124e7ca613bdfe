using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetCds.Server.Internal.Configuration;

namespace KetCds.Server.Internal.Security;

/// <summary>Reads the CA certificates client certificates must chain to.</summary>
internal static class ClientCertificateTrust
{
    public static X509Certificate2Collection Load(ClientCertificateOptions options)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(options.CaFile!);
        }
        catch (CryptographicException ex)
        {
            throw new KetCdsConfigurationException(
                $"Invalid configuration:{Environment.NewLine}  KetCds:Auth:ClientCertificates:CaFile: cannot read '{options.CaFile}' as PEM certificates: {ex.Message}");
        }

        return roots.Count > 0
            ? roots
            : throw new KetCdsConfigurationException(
                $"Invalid configuration:{Environment.NewLine}  KetCds:Auth:ClientCertificates:CaFile: '{options.CaFile}' holds no certificate");
    }
}
