using Grpc.Core;

namespace KetCds.Server.Internal.Calls;

/// <summary>Status code names for metric tags, made once so recording a call allocates no string.</summary>
internal static class StatusNames
{
    private static readonly string[] Names = [.. Enumerable.Range(0, 17).Select(static code => ((StatusCode)code).ToString())];

    public static string Of(StatusCode status) => (int)status is >= 0 and < 17 ? Names[(int)status] : status.ToString();
}
