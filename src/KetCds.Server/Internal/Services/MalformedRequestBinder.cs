using Google.Protobuf;
using Grpc.Core;
using KetCds.Contracts.V1;

namespace KetCds.Server.Internal.Services;

/// <summary>
/// Passes each method on to the real binder with its request marshaller wrapped by <see cref="MalformedRequest"/>, and the
/// answers of Evaluate and EvaluateBatch written by <see cref="AnswerEncoding"/>.
/// </summary>
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
        new(method.Type, method.ServiceName, method.Name, MalformedRequest.Wrap(method.RequestMarshaller), Answers(method.ResponseMarshaller));

    private static Marshaller<TResponse> Answers<TResponse>(Marshaller<TResponse> generated)
        where TResponse : class
    {
        if (typeof(TResponse) != typeof(EvaluateResponse) && typeof(TResponse) != typeof(EvaluateBatchResponse))
        {
            return generated;
        }

        return new Marshaller<TResponse>(
            (answer, context) =>
            {
                if (AnswerEncoding.Encode((IMessage)answer) is { } bytes)
                {
                    context.Complete(bytes);
                }
                else
                {
                    generated.ContextualSerializer(answer, context);
                }
            },
            generated.ContextualDeserializer);
    }
}
