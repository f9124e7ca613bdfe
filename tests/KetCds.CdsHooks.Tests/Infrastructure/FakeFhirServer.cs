using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KetCds.CdsHooks.Tests.Infrastructure;

/// <summary>
/// A stand-in EHR FHIR server on loopback: answers reads and searches from a hook file's prefetch (by resource type),
/// records each request with its Authorization header, and can be told to stall.
/// </summary>
internal sealed class FakeFhirServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeFhirServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<(string PathAndQuery, string? Authorization)> Requests { get; } = new();

    public static async Task<FakeFhirServer> StartAsync(JsonObject prefetch, TimeSpan delay = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeFhirServer? server = null;
        app.MapGet("/fhir/{type}/{**rest}", async (HttpContext context, string type) => await AnswerAsync(context, type, prefetch, delay, server!));
        app.MapGet("/fhir/{type}", async (HttpContext context, string type) => await AnswerAsync(context, type, prefetch, delay, server!));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeFhirServer(app, new Uri(address + "/fhir/"));
        return server;
    }

    private static async Task AnswerAsync(HttpContext context, string type, JsonObject prefetch, TimeSpan delay, FakeFhirServer server)
    {
        server.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.FirstOrDefault()));
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        // Patient/{id} is a read; every other type is a search answered with the prefetch bundle of that type.
        var answer = prefetch.Select(p => p.Value!.AsObject())
            .FirstOrDefault(r => type == "Patient"
                ? r["resourceType"]!.GetValue<string>() == "Patient"
                : r["entry"]?.AsArray().Any(e => e!["resource"]!["resourceType"]!.GetValue<string>() == type) == true);
        context.Response.ContentType = "application/fhir+json";
        await context.Response.WriteAsync(answer?.ToJsonString() ?? """{"resourceType":"Bundle","type":"searchset"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
