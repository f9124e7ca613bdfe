using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KetCds.Server.Internal.Security;

/// <summary>
/// Authenticates a request up front only with a default scheme the configuration names. Every KetCds policy names its own
/// schemes; ASP.NET Core would otherwise make a lone registered scheme (the CDS Hooks EHR JWT, when gRPC runs without auth)
/// the default and run it on every gRPC call: work for nothing, and an information log line per call.
/// </summary>
internal sealed class ExplicitDefaultSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    private readonly AuthenticationOptions _options = options.Value;

    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() =>
        (_options.DefaultAuthenticateScheme ?? _options.DefaultScheme) is { } name
            ? GetSchemeAsync(name)
            : Task.FromResult<AuthenticationScheme?>(null);
}
