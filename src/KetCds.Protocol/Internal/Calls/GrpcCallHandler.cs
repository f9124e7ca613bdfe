using KetCds.Protocol.Internal.Http;
using KetCds.Protocol.Internal.Logging;
using Microsoft.AspNetCore.Http;

namespace KetCds.Protocol.Internal.Calls;

/// <summary>
/// Runs one bound method: admits the request, creates the call, runs the method-kind specific part and
/// maps its outcome to a gRPC status. One instance per method, built at bind time.
/// </summary>
internal abstract class GrpcCallHandler(GrpcRuntime runtime, string method, bool capDeadline)
{
    protected GrpcRuntime Runtime { get; } = runtime;

    public string Method { get; } = method;

    public async Task HandleAsync(HttpContext http)
    {
        if (!await GrpcRequestGate.TryAcceptAsync(http, Runtime.Logger).ConfigureAwait(false))
        {
            return;
        }

        GrpcCallContext call;
        try
        {
            call = GrpcCallFactory.Create(http, Runtime, Method, capDeadline);
        }
        catch (GrpcException ex)
        {
            Runtime.Logger.CallFailed(Method, ex.StatusCode, ex.Message);
            GrpcStatusWriter.Write(http, null, ex.StatusCode, ex.Message, ex.Details);
            return;
        }

        call.LinkCancellation(http.RequestAborted, Runtime.Stopping);
        try
        {
            await RunAsync(call).ConfigureAwait(false);
            CompleteSuccessfully(call);
        }
        catch (Exception ex)
        {
            CompleteWithError(call, ex);
        }
        finally
        {
            call.Release();
        }
    }

    /// <summary>Reads the request, invokes the application handler and writes its response messages.</summary>
    protected abstract Task RunAsync(GrpcCallContext call);

    private void CompleteSuccessfully(GrpcCallContext call)
    {
        if (call.CancellationToken.IsCancellationRequested)
        {
            switch (call.CancelReason)
            {
                case CancelReason.ClientCancelled:
                    Runtime.Logger.ClientCancelled(Method);
                    return;
                case CancelReason.None:
                    // The handler finished after its deadline: the client has given up on any result.
                    GrpcStatusWriter.Write(call.HttpContext, call, GrpcStatusCode.DeadlineExceeded, "Deadline exceeded.", null);
                    return;
            }
        }

        GrpcStatusWriter.Write(call.HttpContext, call, GrpcStatusCode.OK, null, null);
    }

    private void CompleteWithError(GrpcCallContext call, Exception exception)
    {
        GrpcStatusCode code;
        string message;
        Google.Rpc.Status? details = null;
        if (exception is GrpcException grpc)
        {
            code = grpc.StatusCode;
            message = grpc.Message;
            details = grpc.Details;
        }
        else if (call.CancellationToken.IsCancellationRequested)
        {
            switch (call.CancelReason)
            {
                case CancelReason.ClientCancelled:
                    Runtime.Logger.ClientCancelled(Method);
                    return;
                case CancelReason.ServerShutdown:
                    (code, message) = (GrpcStatusCode.Unavailable, "Server is shutting down.");
                    break;
                default:
                    (code, message) = (GrpcStatusCode.DeadlineExceeded, "Deadline exceeded.");
                    break;
            }
        }
        else
        {
            Runtime.Logger.UnhandledException(Method, exception);
            (code, message) = (GrpcStatusCode.Internal, "Exception was thrown by handler.");
        }

        if (call.HttpContext.RequestAborted.IsCancellationRequested)
        {
            Runtime.Logger.ClientCancelled(Method);
            return;
        }

        Runtime.Logger.CallFailed(Method, code, message);
        try
        {
            GrpcStatusWriter.Write(call.HttpContext, call, code, message, details);
        }
        catch (InvalidOperationException ex)
        {
            Runtime.Logger.StatusWriteFailed(Method, ex);
        }
    }
}
