using System.Globalization;
using System.Net;
using KetCds.Contracts.V1;
using KetCds.Protocol;

// Usage: KetCds.LoadFloor serialize|copy RESPONSE_FILE [PORT]. RESPONSE_FILE holds one encoded EvaluateResponse (no
// gRPC prefix). serialize: Evaluate answers with the parsed response, serialized by its generated code on every call;
// copy: with the recorded bytes as they are, so only framing and transport are left.
if (args.Length is < 2 or > 3 || args[0] is not ("serialize" or "copy"))
{
    await Console.Error.WriteLineAsync("usage: KetCds.LoadFloor serialize|copy RESPONSE_FILE [PORT]");
    return 2;
}

var recorded = await File.ReadAllBytesAsync(args[1]);
var response = EvaluateResponse.Parser.ParseFrom(recorded);
var encoded = new EncodedMessage<EvaluateResponse>(recorded);
var serialize = args[0] == "serialize";
var port = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;

// The same host, Kestrel and protocol settings as KetCdsServer.Build, minus the rule set.
var builder = WebApplication.CreateBuilder();
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, port));
});
builder.Services.AddGrpcProtocol();
await using var app = builder.Build();

// Nothing is evaluated: the request is read and parsed, then the recorded response is written.
app.MapGrpcService(ServiceReflection.Descriptor.Services[0], binder =>
{
    if (serialize)
    {
        binder.Unary<EvaluateRequest, EvaluateResponse>("Evaluate", (_, _) => Task.FromResult(response));
    }
    else
    {
        binder.Unary<EvaluateRequest, EvaluateResponse>("Evaluate", (_, _) => Task.FromResult(encoded));
    }
});
await app.StartAsync();
Console.WriteLine($"KetCds listening on {app.Urls.First()} (load floor: Evaluate replays {recorded.Length} bytes, {args[0]})");
await app.WaitForShutdownAsync();
return 0;
