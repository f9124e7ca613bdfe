namespace KetCds.LoadFloor;

/// <summary>The encoded EvaluateResponse the floor answers every call with.</summary>
internal sealed record RecordedResponse(byte[] Bytes);
