namespace KetCds.Client.Internal.Http;

/// <summary>How a call ended: code, decoded message, rich details and the custom trailers that came with them.</summary>
internal sealed record CallStatus(
    StatusCode Code,
    string Detail,
    Google.Rpc.Status? Details,
    IReadOnlyList<MetadataEntry> Trailers)
{
    public bool IsOk => Code == StatusCode.OK;

    public DecisionSupportException ToException() => new(Code, Detail, Details, Trailers, null);
}
