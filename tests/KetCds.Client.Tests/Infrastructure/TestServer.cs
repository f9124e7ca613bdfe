using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using KetCds.Contracts.V1;
using KetCds.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>A real Kestrel HTTP/2 (h2c) server on 127.0.0.1, port 0, hosting a fake service through KetCds.Protocol.</summary>
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

    /// <summary>The host's services, e.g. the health registry.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Protocol headers of every request the server received, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; }

    /// <summary>Hosts <paramref name="service"/> with the real protocol layer (health and reflection included); TLS with a certificate.</summary>
    public static Task<TestServer> StartAsync(FakeDecisionSupportService service, X509Certificate2? certificate = null) =>
        StartCoreAsync(
            builder => builder.Services.AddGrpcProtocol(),
            app => app.MapGrpcService(ServiceReflection.Descriptor.Services[0], service.Bind),
            certificate);

    /// <summary>Answers every POST with <paramref name="handler"/>: for responses the real layer never produces (gzip, proxy errors).</summary>
    public static Task<TestServer> StartRawAsync(RequestDelegate handler) =>
        StartCoreAsync(_ => { }, app => app.MapPost("/{**path}", handler), null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<TestServer> StartCoreAsync(
        Action<WebApplicationBuilder> configure, Action<WebApplication> map, X509Certificate2? certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, 0), certificate));
        configure(builder);
        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (context, next) =>
        {
            requests.Enqueue(RecordedRequest.From(context.Request));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestServer(app, new Uri(address), requests);
    }
}
