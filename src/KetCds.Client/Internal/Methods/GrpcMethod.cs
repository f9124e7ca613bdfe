namespace KetCds.Client.Internal.Methods;

/// <summary>One RPC: its HTTP/2 path and whether it is idempotent (safe to retry).</summary>
internal sealed record GrpcMethod(string Path, bool Idempotent);
