using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace KetCds.Server.Internal.FlowControl;

/// <summary>Kestrel's response body feature with its writer replaced by a <see cref="CountingResponseWriter"/>.</summary>
internal sealed class CountingResponseBodyFeature(IHttpResponseBodyFeature inner, PipeWriter writer) : IHttpResponseBodyFeature
{
    public Stream Stream => inner.Stream;

    public PipeWriter Writer => writer;

    public Task CompleteAsync() => inner.CompleteAsync();

    public void DisableBuffering() => inner.DisableBuffering();

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        inner.SendFileAsync(path, offset, count, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
}
