using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using KetCds.Contracts.V1;
using Microsoft.AspNetCore.Routing;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Receives the generated binding's methods (the generated code passes each <see cref="Method{TRequest,TResponse}"/> with no
/// handler, as it does for grpc-dotnet's own binder) and adds them to <paramref name="context"/> with KetCds's marshallers,
/// each invoking the same-named override on the service instance grpc-dotnet activates per call. Endpoint metadata is what
/// grpc-dotnet's binder gives: the service type's attributes, then the method's, then POST with CORS preflight accepted.
/// </summary>
internal sealed class DecisionSupportMethodBinder(ServiceMethodProviderContext<DecisionSupportGrpcService> context, AnswerEncoder answers)
    : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<UnaryServerMethod<DecisionSupportGrpcService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(WithMarshallers(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ClientStreamingServerMethod<DecisionSupportGrpcService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(WithMarshallers(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ServerStreamingServerMethod<DecisionSupportGrpcService, TRequest, TResponse>>(
            method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(WithMarshallers(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<DuplexStreamingServerMethod<DecisionSupportGrpcService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(WithMarshallers(method), metadata, invoker);
    }

    private static (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters)
        where TDelegate : Delegate
    {
        var handler = typeof(DecisionSupportGrpcService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{nameof(DecisionSupportGrpcService)} has no method {name} to bind");
        List<object> metadata = [.. typeof(DecisionSupportGrpcService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true)];
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }

    private Method<TRequest, TResponse> WithMarshallers<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, MalformedRequest.Wrap(method.RequestMarshaller), Answers(method.ResponseMarshaller));

    private Marshaller<TResponse> Answers<TResponse>(Marshaller<TResponse> generated)
        where TResponse : class =>
        AnswerEncoder.Writes(typeof(TResponse))
            ? new Marshaller<TResponse>((answer, serialization) => answers.Serialize((IMessage)answer, serialization), generated.ContextualDeserializer)
            : generated;
}
