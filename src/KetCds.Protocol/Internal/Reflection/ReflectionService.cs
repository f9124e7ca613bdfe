using Google.Protobuf;
using Grpc.Reflection.V1;
using KetCds.Protocol.Internal.Routing;
using Alpha = Grpc.Reflection.V1Alpha;

namespace KetCds.Protocol.Internal.Reflection;

/// <summary>
/// grpc.reflection v1 and v1alpha ServerReflectionInfo. Both versions are wire-identical, so v1alpha messages
/// are answered by re-reading their bytes as v1 messages and back.
/// </summary>
internal sealed class ReflectionService(GrpcServiceRegistry registry)
{
    private ReflectionIndex? _index;

    public void BindV1(GrpcServiceBinder binder) =>
        binder.DuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>("ServerReflectionInfo", ServeV1Async);

    public void BindV1Alpha(GrpcServiceBinder binder) =>
        binder.DuplexStreaming<Alpha.ServerReflectionRequest, Alpha.ServerReflectionResponse>("ServerReflectionInfo", ServeV1AlphaAsync);

    public ServerReflectionResponse Respond(ServerReflectionRequest request)
    {
        // Built on first use: every service is mapped at startup, before the first request arrives.
        var index = _index ??= new ReflectionIndex(registry.Snapshot());
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in index.ServiceNames)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }

                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, index.FindFileByName(request.FileByFilename), $"File '{request.FileByFilename}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, index.FindFileBySymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                var extension = request.FileContainingExtension;
                SetFile(
                    response,
                    index.FindFileByExtension(extension.ContainingType, extension.ExtensionNumber),
                    $"Extension {extension.ExtensionNumber} of '{extension.ContainingType}' not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                SetExtensionNumbers(response, index, request.AllExtensionNumbersOfType);
                break;
            default:
                response.ErrorResponse = Error(GrpcStatusCode.InvalidArgument, "The reflection request sets no message_request field.");
                break;
        }

        return response;
    }

    private async Task ServeV1Async(
        IAsyncEnumerable<ServerReflectionRequest> requests,
        IGrpcStreamWriter<ServerReflectionResponse> writer,
        GrpcCallContext context)
    {
        await foreach (var request in requests.ConfigureAwait(false))
        {
            await writer.WriteAsync(Respond(request), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServeV1AlphaAsync(
        IAsyncEnumerable<Alpha.ServerReflectionRequest> requests,
        IGrpcStreamWriter<Alpha.ServerReflectionResponse> writer,
        GrpcCallContext context)
    {
        await foreach (var request in requests.ConfigureAwait(false))
        {
            var response = Respond(ServerReflectionRequest.Parser.ParseFrom(request.ToByteString()));
            await writer.WriteAsync(Alpha.ServerReflectionResponse.Parser.ParseFrom(response.ToByteString()), context.CancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static void SetFile(ServerReflectionResponse response, Google.Protobuf.Reflection.FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = Error(GrpcStatusCode.NotFound, notFound);
            return;
        }

        var files = new FileDescriptorResponse();
        files.FileDescriptorProto.AddRange(ReflectionIndex.WithDependencies(file));
        response.FileDescriptorResponse = files;
    }

    private static void SetExtensionNumbers(ServerReflectionResponse response, ReflectionIndex index, string type)
    {
        // As in grpc C++: an unknown type is NOT_FOUND, a known type with no extensions gets an empty list.
        if (!index.IsMessageType(type))
        {
            response.ErrorResponse = Error(GrpcStatusCode.NotFound, $"Type '{type}' not found.");
            return;
        }

        var numbers = new List<int>(index.ExtensionNumbersOf(type));
        numbers.Sort();
        var result = new ExtensionNumberResponse { BaseTypeName = type };
        result.ExtensionNumber.AddRange(numbers);
        response.AllExtensionNumbersResponse = result;
    }

    private static ErrorResponse Error(GrpcStatusCode code, string message) =>
        new() { ErrorCode = (int)code, ErrorMessage = message };
}
