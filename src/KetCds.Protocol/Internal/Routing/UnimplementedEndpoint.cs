using KetCds.Protocol.Internal.Calls;
using KetCds.Protocol.Internal.Http;
using KetCds.Protocol.Internal.Logging;
using Microsoft.AspNetCore.Http;

namespace KetCds.Protocol.Internal.Routing;

/// <summary>Answers gRPC calls to paths no method is mapped at with UNIMPLEMENTED; non-gRPC requests get a plain 404.</summary>
internal sealed class UnimplementedEndpoint(GrpcRuntime runtime, GrpcServiceRegistry registry)
{
    public async Task HandleAsync(HttpContext http)
    {
        if (!GrpcHeaders.IsAnyGrpcContentType(http.Request.ContentType))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!await GrpcRequestGate.TryAcceptAsync(http, runtime.Logger).ConfigureAwait(false))
        {
            return;
        }

        var path = http.Request.Path.Value ?? string.Empty;
        runtime.Logger.Unimplemented(path);
        GrpcStatusWriter.Write(http, null, GrpcStatusCode.Unimplemented, Describe(path), null);
    }

    private string Describe(string path)
    {
        var parts = path.Split('/');
        if (parts.Length != 3 || parts[0].Length != 0 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return $"'{path}' is not a gRPC method path (/package.Service/Method).";
        }

        foreach (var service in registry.Snapshot())
        {
            if (service.FullName == parts[1])
            {
                return $"Method '{parts[2]}' is not implemented by service '{parts[1]}'.";
            }
        }

        return $"Service '{parts[1]}' is not implemented.";
    }
}
