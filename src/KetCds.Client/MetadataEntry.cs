using KetCds.Client.Internal.Http;

namespace KetCds.Client;

/// <summary>One custom gRPC metadata entry: an ASCII value, or binary bytes under a key ending in <c>-bin</c>.</summary>
public sealed record MetadataEntry
{
    private MetadataEntry(string key, string value, ReadOnlyMemory<byte> binaryValue, bool isBinary)
    {
        Key = key;
        Value = value;
        BinaryValue = binaryValue;
        IsBinary = isBinary;
    }

    /// <summary>Lower-case metadata key.</summary>
    public string Key { get; }

    /// <summary>The ASCII value; empty for a binary entry.</summary>
    public string Value { get; }

    /// <summary>The bytes of a binary (<c>-bin</c>) entry; empty for an ASCII entry.</summary>
    public ReadOnlyMemory<byte> BinaryValue { get; }

    /// <summary>True when the key ends in <c>-bin</c> and the entry carries bytes.</summary>
    public bool IsBinary { get; }

    /// <summary>Creates an ASCII entry; throws <see cref="ArgumentException"/> naming the problem for an invalid key or value.</summary>
    public static MetadataEntry Ascii(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        MetadataRules.ValidateKey(key, binary: false);
        MetadataRules.ValidateAsciiValue(key, value);
        return new MetadataEntry(key, value, ReadOnlyMemory<byte>.Empty, isBinary: false);
    }

    /// <summary>Creates a binary entry (key must end in <c>-bin</c>); the bytes are copied.</summary>
    public static MetadataEntry Binary(string key, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        MetadataRules.ValidateKey(key, binary: true);
        return new MetadataEntry(key, string.Empty, value.ToArray(), isBinary: true);
    }

    /// <summary>Builds an entry received from a server without re-validating it.</summary>
    internal static MetadataEntry Received(string key, string value) =>
        new(key, value, ReadOnlyMemory<byte>.Empty, isBinary: false);

    /// <summary>Builds a binary entry received from a server without re-validating it.</summary>
    internal static MetadataEntry ReceivedBinary(string key, byte[] value) =>
        new(key, string.Empty, value, isBinary: true);
}
