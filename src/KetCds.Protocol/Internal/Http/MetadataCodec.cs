namespace KetCds.Protocol.Internal.Http;

/// <summary>Validates custom metadata keys and values and converts <c>-bin</c> values to and from base64.</summary>
internal static class MetadataCodec
{
    public static bool IsBinaryKey(string key) => key.EndsWith(GrpcHeaders.BinarySuffix, StringComparison.Ordinal);

    /// <summary>True for headers that belong to the protocol rather than to the application.</summary>
    public static bool IsReserved(string key) =>
        key.Length == 0 || key[0] == ':' || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || key.Equals("te", StringComparison.OrdinalIgnoreCase)
        || key.Equals("host", StringComparison.OrdinalIgnoreCase)
        || key.Equals("content-length", StringComparison.OrdinalIgnoreCase);

    public static void ValidateKey(string key, bool binary)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                throw new ArgumentException(
                    $"Metadata key '{key}' is invalid: only lower-case letters, digits, '-', '_' and '.' are allowed.", nameof(key));
            }
        }

        if (IsReserved(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved by the gRPC protocol.", nameof(key));
        }

        if (binary != IsBinaryKey(key))
        {
            throw new ArgumentException(
                binary
                    ? $"Metadata key '{key}' carries binary data and must end in '-bin'."
                    : $"Metadata key '{key}' ends in '-bin' and must carry binary data.",
                nameof(key));
        }
    }

    public static void ValidateAsciiValue(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                throw new ArgumentException(
                    $"Metadata value for '{key}' must be printable ASCII (0x20-0x7E); use a '-bin' key for other data.", nameof(value));
            }
        }
    }

    /// <summary>Base64 without padding, which the spec asks senders to emit.</summary>
    public static string EncodeBinary(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one padded or unpadded base64 value; null when it is not base64.</summary>
    public static byte[]? TryDecodeBinary(string value)
    {
        try
        {
            return DecodeOne(value.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] DecodeOne(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 ? value : value + new string('=', padding));
    }
}
