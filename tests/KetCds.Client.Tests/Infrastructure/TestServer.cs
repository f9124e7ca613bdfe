using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>A real grpc-dotnet server on Kestrel HTTP/2, 127.0.0.1 port 0, hosting a fake service and grpc-dotnet's health service.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address, ConcurrentQueue<RecordedRequest> requests)
    {
        _app = app;
        Address = address;
        Requests = requests;
    }

    public Uri Address { get; }

    /// <summary>Protocol headers of every request the server received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; }

    /// <summary>Hosts <paramref name="service"/>; TLS (h2 through ALPN) when a certificate is given.</summary>
    public static async Task<TestServer> StartAsync(FakeDecisionSupportService service, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var health = new HealthServiceImpl();
        health.SetStatus(string.Empty, ServingStatus.Serving);
        health.SetStatus("ketcds.v1.DecisionSupportService", ServingStatus.Serving);
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (context, next) =>
        {
            requests.Enqueue(RecordedRequest.From(context.Request));
            await next(context);
        });
        app.MapGrpcService<FakeDecisionSupportService>();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestServer(app, new Uri(address), requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
