namespace KetCds.Server.Internal.Hosting;

/// <summary>
/// The runtime's inline socket completions (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>), on by default for the
/// server: a completed socket read runs on the socket engine's thread instead of waking a thread-pool thread for it.
/// The runtime reads the variable once, when the first socket is made, so it can only be defaulted before that.
/// </summary>
internal static class InlineCompletions
{
    /// <summary>The environment variable the runtime reads; "1" is on, anything else set by the operator is left alone.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the variable to "1" unless the environment already names a value (<c>0</c> keeps completions on the pool).</summary>
    public static void DefaultOn()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
