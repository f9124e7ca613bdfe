using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace KetCds.Server.Internal.Security;

/// <summary>Puts each decision-support method behind its policy: evaluating apart from reading the knowledge.</summary>
internal static class ScopeConventions
{
    private static readonly string[] ReadMethods = ["GetRuleSet", "ListRules", "GetSourceCatalog"];

    /// <summary>Evaluate and EvaluateBatch (and any other method) need the evaluate policy; the three reading methods the read policy.</summary>
    public static GrpcServiceEndpointConventionBuilder RequireKetCdsScopes(this GrpcServiceEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var method = endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault();
            var policy = method is not null && ReadMethods.Contains(method.Method.Name, StringComparer.Ordinal)
                ? KetCdsSchemes.ReadPolicy
                : KetCdsSchemes.EvaluatePolicy;
            endpoint.Metadata.Add(new AuthorizeAttribute(policy));
        });
        return builder;
    }
}
