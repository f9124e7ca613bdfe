using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace KetCds.Server.Internal.CdsHooks;

/// <summary>The CDS Hooks listener's options, kept to learn the port Kestrel bound when port 0 was asked for.</summary>
internal sealed class CdsHooksListener
{
    public ListenOptions? Options { get; set; }

    public bool Tls { get; set; }
}
