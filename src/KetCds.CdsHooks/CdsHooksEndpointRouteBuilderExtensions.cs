using KetCds.CdsHooks.Internal.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KetCds.CdsHooks;

/// <summary>Maps the CDS Hooks 2.0 endpoints under <c>/cds-services</c>.</summary>
public static class CdsHooksEndpointRouteBuilderExtensions
{
    /// <summary>The discovery path.</summary>
    public const string BasePath = "/cds-services";

    /// <summary>Maps discovery, the three services and their feedback; the host must call <c>UseCors()</c> after routing.</summary>
    public static RouteGroupBuilder MapCdsHooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var handlers = endpoints.ServiceProvider.GetRequiredService<CdsHooksEndpoints>();
        var group = endpoints.MapGroup(BasePath);
        group.RequireCors(CdsHooksAuthentication.CorsPolicy);
        group.MapGet(string.Empty, (HttpContext context) => handlers.DiscoveryAsync(context));
        group.MapPost("/{id}", (HttpContext context, string id) => handlers.HookAsync(context, id));
        group.MapPost("/{id}/feedback", (HttpContext context, string id) => handlers.FeedbackAsync(context, id));
        return group;
    }
}
