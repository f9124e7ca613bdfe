using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>Kestrel's response body feature with its writer replaced by a <see cref="CountingResponseWriter"/>.</summary>
internal sealed class CountingResponseBodyFeature(IHttpResponseBodyFeature inner, CountingResponseWriter writer) : IHttpResponseBodyFeature
{
    public Stream Stream => inner.Stream;

    public PipeWriter Writer => writer;

    public Task CompleteAsync()
    {
        // grpc-dotnet ends some calls (deadline exceeded, errors after a message) by completing the response itself.
        writer.MarkCompleted();
        return inner.CompleteAsync();
    }

    public void DisableBuffering() => inner.DisableBuffering();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
}
