namespace KetCds.Protocol.Internal.Calls;

/// <summary>Why a call's token fired; a token that fired with no recorded reason fired for the deadline.</summary>
internal enum CancelReason
{
    None = 0,
    ClientCancelled = 1,
    ServerShutdown = 2,
}
