using Microsoft.AspNetCore.Builder;

namespace KetCds.Protocol.Internal.Routing;

/// <summary>Applies endpoint conventions (authorization, metadata...) to every endpoint of a mapped service.</summary>
internal sealed class CompositeConventionBuilder : IEndpointConventionBuilder
{
    private readonly List<IEndpointConventionBuilder> _builders = [];

    public void Add(IEndpointConventionBuilder builder) => _builders.Add(builder);

    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in _builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in _builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
