using System.IO.Pipelines;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using KetCds.Protocol.Internal.Calls;
using KetCds.Protocol.Internal.Framing;

namespace KetCds.Protocol;

/// <summary>Binds handlers to the methods of one proto service; every binding is checked against the descriptor at startup.</summary>
public sealed class GrpcServiceBinder
{
    private readonly GrpcRuntime _runtime;
    private readonly List<GrpcCallHandler> _handlers = [];
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    internal GrpcServiceBinder(ServiceDescriptor service, GrpcRuntime runtime)
    {
        Service = service;
        _runtime = runtime;
    }

    /// <summary>The proto service being bound.</summary>
    public ServiceDescriptor Service { get; }

    internal IReadOnlyList<GrpcCallHandler> Handlers => _handlers;

    /// <summary>Binds a unary method (one request, one response).</summary>
    public GrpcServiceBinder Unary<TRequest, TResponse>(string methodName, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: false);
        return Add(new UnaryCallHandler<TRequest, TResponse>(_runtime, path, parser, handler, WriteMessage));
    }

    /// <summary>Binds a unary method whose handler returns its response already encoded.</summary>
    public GrpcServiceBinder Unary<TRequest, TResponse>(string methodName, Func<TRequest, GrpcCallContext, Task<EncodedMessage<TResponse>>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: false);
        return Add(new UnaryCallHandler<TRequest, EncodedMessage<TResponse>>(_runtime, path, parser, handler, WriteEncoded));
    }

    /// <summary>Binds a server-streaming method (one request, a stream of responses).</summary>
    public GrpcServiceBinder ServerStreaming<TRequest, TResponse>(
        string methodName,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        ServerStreaming(methodName, handler, capDeadline: true);

    /// <summary>Binds a client-streaming method (a stream of requests, one response).</summary>
    public GrpcServiceBinder ClientStreaming<TRequest, TResponse>(
        string methodName,
        Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: false);
        return Add(new ClientStreamingCallHandler<TRequest, TResponse>(_runtime, path, parser, handler));
    }

    /// <summary>Binds a bidirectional-streaming method; requests are read incrementally as they arrive.</summary>
    public GrpcServiceBinder DuplexStreaming<TRequest, TResponse>(
        string methodName,
        Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: true);
        return Add(new DuplexStreamingCallHandler<TRequest, TResponse>(_runtime, path, parser, handler, WriteMessage));
    }

    /// <summary>Binds a bidirectional-streaming method whose handler writes its responses already encoded.</summary>
    public GrpcServiceBinder DuplexStreaming<TRequest, TResponse>(
        string methodName,
        Func<IAsyncEnumerable<TRequest>, IGrpcStreamWriter<EncodedMessage<TResponse>>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: true, serverStreaming: true);
        return Add(new DuplexStreamingCallHandler<TRequest, EncodedMessage<TResponse>>(_runtime, path, parser, handler, WriteEncoded));
    }

    /// <summary>Server streaming with control over the server deadline cap (long-lived watches opt out of it).</summary>
    internal GrpcServiceBinder ServerStreaming<TRequest, TResponse>(
        string methodName,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler,
        bool capDeadline)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (path, parser) = Resolve<TRequest, TResponse>(methodName, clientStreaming: false, serverStreaming: true);
        return Add(new ServerStreamingCallHandler<TRequest, TResponse>(_runtime, path, capDeadline, parser, handler, WriteMessage));
    }

    private static void WriteMessage<T>(PipeWriter writer, T message, int maxSize)
        where T : IMessage<T> => GrpcMessageWriter.Write(writer, message, maxSize);

    private static void WriteEncoded<T>(PipeWriter writer, EncodedMessage<T> message, int maxSize)
        where T : IMessage<T> => GrpcMessageWriter.Write(writer, message.Bytes.Span, maxSize);

    private GrpcServiceBinder Add(GrpcCallHandler handler)
    {
        _handlers.Add(handler);
        return this;
    }

    private (string Path, MessageParser<TRequest> Parser) Resolve<TRequest, TResponse>(
        string methodName,
        bool clientStreaming,
        bool serverStreaming)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        var method = Service.FindMethodByName(methodName)
            ?? throw new InvalidOperationException($"Service {Service.FullName} has no method '{methodName}'.");
        if (method.IsClientStreaming != clientStreaming || method.IsServerStreaming != serverStreaming)
        {
            throw new InvalidOperationException(
                $"Method {method.FullName} is {Kind(method.IsClientStreaming, method.IsServerStreaming)} "
                + $"but was bound as {Kind(clientStreaming, serverStreaming)}.");
        }

        CheckType(method, "request", method.InputType, typeof(TRequest));
        CheckType(method, "response", method.OutputType, typeof(TResponse));
        if (!_bound.Add(method.Name))
        {
            throw new InvalidOperationException($"Method {method.FullName} is bound more than once.");
        }

        return ($"/{Service.FullName}/{method.Name}", (MessageParser<TRequest>)method.InputType.Parser);
    }

    private static void CheckType(MethodDescriptor method, string role, MessageDescriptor expected, Type actual)
    {
        if (expected.ClrType != actual)
        {
            throw new InvalidOperationException(
                $"Method {method.FullName} takes {role} type {expected.FullName} ({expected.ClrType?.FullName}), "
                + $"but was bound with {actual.FullName}.");
        }
    }

    private static string Kind(bool clientStreaming, bool serverStreaming) => (clientStreaming, serverStreaming) switch
    {
        (false, false) => "unary",
        (false, true) => "server streaming",
        (true, false) => "client streaming",
        _ => "duplex streaming",
    };
}
