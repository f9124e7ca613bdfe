using Google.Protobuf;
using Google.Protobuf.Reflection;
using KetCds.Protocol.Tests.Infrastructure;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace KetCds.Protocol.Tests.Reflection;

public sealed class ReflectionServiceTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    private const string V1Path = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
    private const string V1AlphaPath = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    public static TheoryData<string> Paths => new() { V1Path, V1AlphaPath };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ListServices_AllMappedServicesSorted(string path)
    {
        var response = Assert.Single(await AskAsync(path, new V1.ServerReflectionRequest { ListServices = "*", Host = "h" }));

        Assert.Equal("h", response.ValidHost);
        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "ketcds.testing.v1.Echo"],
            response.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task FileContainingSymbol_Service_ReturnsFileWithDependencies(string path)
    {
        var response = Assert.Single(await AskAsync(path, new V1.ServerReflectionRequest { FileContainingSymbol = "ketcds.testing.v1.Echo" }));

        var files = Parse(response);
        Assert.Equal("Protos/echo.proto", files[0].Name);
        Assert.Contains(files[0].Service, s => s.Name == "Echo" && s.Method.Count == 8);
        Assert.Contains(files, f => f.Name == "google/protobuf/timestamp.proto");
    }

    [Theory]
    [InlineData("ketcds.testing.v1.Echo.Duplex")]
    [InlineData("ketcds.testing.v1.EchoRequest")]
    [InlineData("ketcds.testing.v1.EchoRequest.Nested")]
    [InlineData("ketcds.testing.v1.EchoRequest.Mode")]
    [InlineData("google.protobuf.Timestamp")]
    public async Task FileContainingSymbol_NestedSymbols_Found(string symbol)
    {
        var response = Assert.Single(await AskAsync(V1Path, new V1.ServerReflectionRequest { FileContainingSymbol = symbol }));

        Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task FileByFilename_KnownFile_ReturnsIt(string path)
    {
        var response = Assert.Single(await AskAsync(path, new V1.ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" }));

        var file = Parse(response)[0];
        Assert.Equal("grpc.health.v1", file.Package);
        Assert.Contains(file.Service, s => s.Name == "Health");
    }

    [Fact]
    public async Task Errors_UnknownNamesAndExtensions_NotFoundErrorResponses()
    {
        var responses = await AskAsync(
            V1Path,
            new V1.ServerReflectionRequest { FileByFilename = "missing.proto" },
            new V1.ServerReflectionRequest { FileContainingSymbol = "no.Such" },
            new V1.ServerReflectionRequest { FileContainingExtension = new V1.ExtensionRequest { ContainingType = "ketcds.testing.v1.EchoRequest", ExtensionNumber = 100 } },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "no.Such" },
            new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "ketcds.testing.v1.EchoRequest" });

        Assert.All(responses.Take(4), r => Assert.Equal((int)GrpcStatusCode.NotFound, r.ErrorResponse.ErrorCode));
        Assert.Equal("ketcds.testing.v1.EchoRequest", responses[4].AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(responses[4].AllExtensionNumbersResponse.ExtensionNumber);
        Assert.Equal("missing.proto", responses[0].OriginalRequest.FileByFilename);
    }

    private async Task<List<V1.ServerReflectionResponse>> AskAsync(string path, params V1.ServerReflectionRequest[] requests)
    {
        // v1alpha requests are the same bytes as v1; parsing the answer as v1 also proves the wire compatibility.
        var frames = path == V1AlphaPath
            ? requests.Select(r => GrpcTestClient.Frame(V1Alpha.ServerReflectionRequest.Parser.ParseFrom(r.ToByteString())))
            : requests.Select(GrpcTestClient.Frame);
        var result = await Client.CallAsync(path, frames);
        Assert.Equal(0, result.Status);
        return result.Messages.Select(m => V1.ServerReflectionResponse.Parser.ParseFrom(m)).ToList();
    }

    private static List<FileDescriptorProto> Parse(V1.ServerReflectionResponse response) =>
        response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
}
