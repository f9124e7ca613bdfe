using System.Globalization;
using System.Net;
using Grpc.HealthCheck;
using KetCds.LoadFloor;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

// Usage: KetCds.LoadFloor serialize|copy RESPONSE_FILE [PORT]. RESPONSE_FILE holds one encoded EvaluateResponse (no
// gRPC prefix). serialize: Evaluate answers with the parsed response, serialized by its generated code on every call;
// copy: with the recorded bytes as they are (a pass-through marshaller), so only framing and transport are left.
if (args.Length is < 2 or > 3 || args[0] is not ("serialize" or "copy"))
{
    await Console.Error.WriteLineAsync("usage: KetCds.LoadFloor serialize|copy RESPONSE_FILE [PORT]");
    return 2;
}

var recorded = await File.ReadAllBytesAsync(args[1]);
var port = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;

// The same host, Kestrel and grpc-dotnet settings as KetCdsServer.Build, minus the rule set.
var builder = WebApplication.CreateBuilder();
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Grpc", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
});
builder.Services.AddGrpc();
builder.Services.AddSingleton(new RecordedResponse(recorded));
builder.Services.AddSingleton<SerializingFloor>();
builder.Services.AddSingleton<CopyingFloor>();
builder.Services.AddSingleton<Grpc.AspNetCore.Server.Model.IServiceMethodProvider<SerializingFloor>, SerializingFloor.Methods>();
builder.Services.AddSingleton<Grpc.AspNetCore.Server.Model.IServiceMethodProvider<CopyingFloor>, CopyingFloor.Methods>();
var health = new HealthServiceImpl();
health.SetStatus(string.Empty, ServingStatus.Serving);
builder.Services.AddSingleton(health);
await using var app = builder.Build();

// Nothing is evaluated: the request is read and parsed, then the recorded response is written.
if (args[0] == "serialize")
{
    app.MapGrpcService<SerializingFloor>();
}
else
{
    app.MapGrpcService<CopyingFloor>();
}

app.MapGrpcService<HealthServiceImpl>();
await app.StartAsync();
Console.WriteLine($"KetCds listening on {app.Urls.First()} (load floor: Evaluate replays {recorded.Length} bytes, {args[0]})");
await app.WaitForShutdownAsync();
return 0;
