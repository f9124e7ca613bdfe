namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>Fails a functional test when the server logged an error the test did not claim via <see cref="TakeExpectedErrors"/>.</summary>
public abstract class ServerTestBase : IClassFixture<GrpcServerFixture>, IDisposable
{
    protected ServerTestBase(GrpcServerFixture fixture)
    {
        Fixture = fixture;
        Fixture.Probe.Reset();
        fixture.Logs.TakeErrors();
    }

    protected GrpcServerFixture Fixture { get; }

    protected GrpcTestClient Client => Fixture.Client;

    protected IReadOnlyList<TestLoggerProvider.LogEntry> TakeExpectedErrors() => Fixture.Logs.TakeErrors();

    public void Dispose()
    {
        var errors = Fixture.Logs.TakeErrors();
        Assert.True(errors.Count == 0, "Server logged unexpected errors: " + string.Join(" | ", errors.Select(e => $"{e.Category}: {e.Message} {e.Exception}")));
        GC.SuppressFinalize(this);
    }
}
