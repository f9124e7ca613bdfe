using System.Text.Json;
using KetCds.Server.Internal.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace KetCds.Server.Internal.Security;

/// <summary>Reads the JWT issuer's public keys from a JSON Web Key Set, failing startup with the key named.</summary>
internal static class SigningKeys
{
    public static IReadOnlyList<SecurityKey> Load(JwtOptions jwt)
    {
        var (json, key) = jwt.JwksFile is { } file
            ? (File.ReadAllText(file), "KetCds:Auth:Jwt:JwksFile")
            : (jwt.Jwks ?? string.Empty, "KetCds:Auth:Jwt:Jwks");
        try
        {
            var keys = new JsonWebKeySet(json).GetSigningKeys();
            return keys.Count > 0
                ? [.. keys]
                : throw new KetCdsConfigurationException($"Invalid configuration:{Environment.NewLine}  {key}: the key set holds no usable signing key");
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            throw new KetCdsConfigurationException($"Invalid configuration:{Environment.NewLine}  {key}: not a JSON Web Key Set ({ex.GetType().Name})");
        }
    }
}
