using Google.Rpc;
using KetCds.Protocol.Tests.Infrastructure;
using KetCds.Protocol.Tests.Protos;

namespace KetCds.Protocol.Tests.Calls;

public sealed class GrpcCallHandlerTests(GrpcServerFixture fixture) : ServerTestBase(fixture)
{
    [Fact]
    public async Task Handle_InvalidArgumentWithViolations_SendsBadRequestDetails()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Fail", new EchoRequest { Text = "invalid" });

        Assert.Equal((int)GrpcStatusCode.InvalidArgument, result.Status);
        var encoded = result.Header("grpc-status-details-bin")!;
        var status = Status.Parser.ParseFrom(Convert.FromBase64String(encoded + new string('=', (4 - (encoded.Length % 4)) % 4)));
        Assert.Equal((int)GrpcStatusCode.InvalidArgument, status.Code);
        var badRequest = Assert.Single(status.Details).Unpack<BadRequest>();
        Assert.Collection(
            badRequest.FieldViolations,
            v => Assert.Equal(("patient.weight_kg", "must be between 1 and 500"), (v.Field, v.Description)),
            v => Assert.Equal(("patient.age_years", "is required"), (v.Field, v.Description)));
    }

    [Fact]
    public async Task Handle_ErrorBeforeAnyMessage_IsTrailersOnly()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Fail", new EchoRequest { Text = "plain" });

        Assert.Equal(System.Net.HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("application/grpc", result.Header("content-type"));
        Assert.Equal("9", result.Header("grpc-status"));
        Assert.Equal("plain", result.Header("grpc-message"));
        Assert.Equal(0, result.BodyLength);
        Assert.Empty(result.Trailers);
    }

    [Fact]
    public async Task Handle_ErrorAfterAMessage_StatusInTrailers()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/ServerStream", new EchoRequest { Text = "fail-after-first", Count = 3 });

        Assert.Single(result.Messages);
        Assert.Null(result.Header("grpc-status"));
        Assert.Equal(((int)GrpcStatusCode.Aborted).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Trailer("grpc-status"));
        Assert.Equal("stopped after the first message", result.Trailer("grpc-message"));
    }

    [Fact]
    public async Task Handle_NonAsciiAndPercentInMessage_PercentEncoded()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Fail", new EchoRequest { Text = "dose 100% für\nµg" });

        Assert.Equal("dose 100%25 f%C3%BCr%0A%C2%B5g", result.RawMessage);
    }

    [Fact]
    public async Task Handle_UnhandledException_InternalWithoutDetailsAndLogged()
    {
        var result = await Client.UnaryAsync("/ketcds.testing.v1.Echo/Fail", new EchoRequest { Text = "crash" });

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
        Assert.DoesNotContain("SECRET", result.RawMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.RawMessage, StringComparison.Ordinal);
        var error = Assert.Single(TakeExpectedErrors());
        Assert.Equal(1000, error.EventId.Id);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task Handle_ClientTimeout_DeadlineFromTimeProviderAndExpiryCancelsHandler()
    {
        var call = Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Wait",
            new EchoRequest(),
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", "5S"));
        var deadline = await Fixture.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Fixture.Time.GetUtcNow() + TimeSpan.FromSeconds(5), deadline);
        Fixture.Time.Advance(TimeSpan.FromSeconds(5));

        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await Fixture.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((int)GrpcStatusCode.DeadlineExceeded, result.Status);
    }

    [Fact]
    public async Task Handle_NoClientTimeout_ServerCapApplies()
    {
        var call = Client.UnaryAsync("/ketcds.testing.v1.Echo/Wait", new EchoRequest());
        var deadline = await Fixture.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Fixture.Time.GetUtcNow() + GrpcServerFixture.MaxDeadline, deadline);
        Fixture.Time.Advance(GrpcServerFixture.MaxDeadline);

        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((int)GrpcStatusCode.DeadlineExceeded, result.Status);
    }

    [Fact]
    public async Task Handle_ClientTimeoutAboveCap_IsCapped()
    {
        var call = Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Wait",
            new EchoRequest(),
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", "2H"));
        var deadline = await Fixture.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Fixture.Time.GetUtcNow() + GrpcServerFixture.MaxDeadline, deadline);
        Fixture.Time.Advance(GrpcServerFixture.MaxDeadline);
        Assert.Equal((int)GrpcStatusCode.DeadlineExceeded, (await call.WaitAsync(TimeSpan.FromSeconds(30))).Status);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("5s")]
    [InlineData("-5S")]
    public async Task Handle_MalformedTimeout_Internal(string timeout)
    {
        var result = await Client.UnaryAsync(
            "/ketcds.testing.v1.Echo/Unary",
            new EchoRequest(),
            request => request.Headers.TryAddWithoutValidation("grpc-timeout", timeout));

        Assert.Equal((int)GrpcStatusCode.Internal, result.Status);
        Assert.Contains("grpc-timeout", result.RawMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_ClientCancels_HandlerTokenFires()
    {
        using var cts = new CancellationTokenSource();
        var call = Client.UnaryAsync("/ketcds.testing.v1.Echo/Wait", new EchoRequest(), cancellationToken: cts.Token);
        await Fixture.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cts.CancelAsync();

        Assert.True(await Fixture.Probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
