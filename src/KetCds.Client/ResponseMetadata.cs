namespace KetCds.Client;

/// <summary>Custom metadata the server sent with a call's response headers and trailers.</summary>
/// <param name="Headers">Custom response headers (protocol headers excluded).</param>
/// <param name="Trailers">Custom response trailers (status trailers excluded).</param>
public sealed record ResponseMetadata(IReadOnlyList<MetadataEntry> Headers, IReadOnlyList<MetadataEntry> Trailers)
{
    /// <summary>Metadata of a call that received nothing from the server.</summary>
    public static ResponseMetadata Empty { get; } = new([], []);
}
