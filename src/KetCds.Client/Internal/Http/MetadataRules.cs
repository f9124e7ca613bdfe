namespace KetCds.Client.Internal.Http;

/// <summary>Which metadata keys and values a caller may send, per the gRPC HTTP/2 protocol.</summary>
internal static class MetadataRules
{
    private const string BinarySuffix = "-bin";

    // Headers the transport itself owns; letting callers set them would corrupt the call.
    private static readonly string[] TransportHeaders =
    [
        "content-type", "te", "host", "connection", "keep-alive", "proxy-connection",
        "transfer-encoding", "upgrade", "content-length", "user-agent", "content-encoding",
    ];

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    public static bool IsReserved(string key) =>
        key.StartsWith("grpc-", StringComparison.Ordinal)
        || key.StartsWith(':')
        || Array.IndexOf(TransportHeaders, key) >= 0;

    public static void ValidateKey(string key, bool binary)
    {
        if (key.Length == 0)
        {
            throw new ArgumentException("Metadata key must not be empty.", nameof(key));
        }

        foreach (var c in key)
        {
            var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!allowed)
            {
                throw new ArgumentException(
                    $"Metadata key '{key}' contains '{c}'; keys may only contain lower-case letters, digits, '-', '_' and '.'.",
                    nameof(key));
            }
        }

        if (IsReserved(key))
        {
            throw new ArgumentException(
                $"Metadata key '{key}' is reserved by the gRPC transport and cannot be set by a caller.", nameof(key));
        }

        if (binary && (!IsBinaryKey(key) || key.Length == BinarySuffix.Length))
        {
            throw new ArgumentException($"Binary metadata key '{key}' must end in '-bin'.", nameof(key));
        }

        if (!binary && IsBinaryKey(key))
        {
            throw new ArgumentException(
                $"Metadata key '{key}' ends in '-bin' and therefore needs a binary value.", nameof(key));
        }
    }

    public static void ValidateAsciiValue(string key, string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException(
                    $"Metadata value of '{key}' contains character U+{(int)c:X4}; ASCII values must be printable (0x20-0x7E).",
                    nameof(value));
            }
        }
    }
}
