using System.Net;
using KetCds.Protocol.Tests.Protos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 (port 0) hosting Echo, health and reflection, plus an HTTP/2 client.</summary>
public sealed class GrpcServerFixture : IAsyncLifetime
{
    public const int MaxMessageSize = 64 * 1024;
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromSeconds(30);

    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public TestLoggerProvider Logs { get; } = new();

    public CallProbe Probe { get; } = new();

    public GrpcTestClient Client { get; private set; } = null!;

    /// <summary>Base address of an extra HTTP/1.1 listener, to check that non-HTTP/2 requests are refused.</summary>
    public Uri Http1Address { get; private set; } = null!;

    /// <summary>The h2c address of the server under test.</summary>
    public Uri Address { get; private set; } = null!;

    public HealthStatusRegistry Health => _app!.Services.GetRequiredService<HealthStatusRegistry>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddGrpcProtocol(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageSize;
            options.MaxSendMessageSize = MaxMessageSize;
            options.MaxDeadline = MaxDeadline;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0));
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });

        _app = builder.Build();
        _app.MapGrpcService(EchoReflection.Descriptor.Services[0], new EchoService(Probe).Bind);
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Address = new Uri(addresses[0]);
        Client = new GrpcTestClient(Address);
        Http1Address = new Uri(addresses[1]);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
