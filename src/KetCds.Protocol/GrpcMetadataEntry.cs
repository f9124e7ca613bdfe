namespace KetCds.Protocol;

/// <summary>One custom metadata entry; keys ending in <c>-bin</c> carry <see cref="BinaryValue"/>, others <see cref="Value"/>.</summary>
/// <param name="Key">Lower-case metadata key.</param>
/// <param name="Value">ASCII value, or null for a binary entry.</param>
/// <param name="BinaryValue">Decoded bytes of a <c>-bin</c> entry, or null for an ASCII entry.</param>
public sealed record GrpcMetadataEntry(string Key, string? Value, byte[]? BinaryValue)
{
    /// <summary>True when the key ends in <c>-bin</c> and the value is binary.</summary>
    public bool IsBinary => BinaryValue is not null;
}
