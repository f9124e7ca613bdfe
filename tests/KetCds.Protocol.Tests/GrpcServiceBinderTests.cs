using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KetCds.Protocol.Tests;

public sealed class GrpcServiceBinderTests
{
    [Fact]
    public void Unary_UnknownMethod_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Map(b => b.Unary<EchoRequest, EchoResponse>("Missing", Handler)));

        Assert.Contains("Missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unary_StreamingMethod_ThrowsOnKindMismatch()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Map(b => b.Unary<EchoRequest, EchoResponse>("Duplex", Handler)));

        Assert.Contains("duplex streaming", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unary_WrongMessageType_ThrowsOnTypeMismatch()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Map(b => b.Unary<EchoResponse, EchoResponse>("Unary", (_, _) => Task.FromResult(new EchoResponse()))));

        Assert.Contains("ketcds.testing.v1.EchoRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unary_EncodedResponseOfWrongType_ThrowsOnTypeMismatch()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Map(b => b.Unary<EchoRequest, EchoRequest>("Unary", (_, _) => Task.FromResult(new EncodedMessage<EchoRequest>(Array.Empty<byte>())))));

        Assert.Contains("ketcds.testing.v1.EchoResponse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unary_BoundTwice_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            Map(b => b.Unary<EchoRequest, EchoResponse>("Unary", Handler).Unary<EchoRequest, EchoResponse>("Unary", Handler)));
    }

    [Fact]
    public void MapGrpcService_WithoutAddGrpcProtocol_ThrowsWithGuidance()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() =>
            app.MapGrpcService(EchoReflection.Descriptor.Services[0], b => b.Unary<EchoRequest, EchoResponse>("Unary", Handler)));
        Assert.Contains("AddGrpcProtocol", error.Message, StringComparison.Ordinal);
    }

    private static Task<EchoResponse> Handler(EchoRequest request, GrpcCallContext context) => Task.FromResult(new EchoResponse());

    private static void Map(Action<GrpcServiceBinder> bind)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpcProtocol();
        var app = builder.Build();
        app.MapGrpcService(EchoReflection.Descriptor.Services[0], bind);
    }
}
