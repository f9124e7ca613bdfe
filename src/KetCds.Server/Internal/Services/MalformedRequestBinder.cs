using Grpc.Core;

namespace KetCds.Server.Internal.Services;

/// <summary>Passes each method on to the real binder with its request marshaller wrapped by <see cref="MalformedRequest"/>.</summary>
internal sealed class MalformedRequestBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Checked(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Checked(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Checked(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Checked(method), handler);

    private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, MalformedRequest.Wrap(method.RequestMarshaller), method.ResponseMarshaller);
}
