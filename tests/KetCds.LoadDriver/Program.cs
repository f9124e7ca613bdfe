using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using KetCds.Contracts.V1;

// ketcds-load-driver URL SECONDS CONCURRENCY [--token-file FILE]
// Prints one line per 10 s and a last line: "sent=N ok=N refused=N failed=N".
//   refused: the connection was refused (no server listening), so the call never reached a server;
//   failed:  any other error, e.g. a call cut off while in flight.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: KetCds.LoadDriver URL SECONDS CONCURRENCY [--token-file FILE]");
    return 2;
}

var target = new Uri(args[0]);
var duration = TimeSpan.FromSeconds(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var concurrency = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var headers = new Metadata();
if (args.Length >= 5 && args[3] == "--token-file")
{
    headers.Add("authorization", "Bearer " + File.ReadAllText(args[4]).Trim());
}

var request = new EvaluateRequest
{
    RequestId = "load",
    Patient = new PatientFacts
    {
        PainConditions = new PainConditionList { Conditions = { PainCondition.CrpsType1 } },
        PainDurationMonths = 18,
        PainSeverityNrs = 8,
        ClinicianJudgesSevere = true,
    },
}.ToByteArray();
var bytes = Marshallers.Create<byte[]>(static b => b, static b => b);
var evaluate = new Method<byte[], byte[]>(MethodType.Unary, "ketcds.v1.DecisionSupportService", "Evaluate", bytes, bytes);

using var channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), EnableMultipleHttp2Connections = true },
    MaxRetryAttempts = 0,
});
var invoker = channel.CreateCallInvoker();
long sent = 0, ok = 0, refused = 0, failed = 0;
var clock = Stopwatch.StartNew();

async Task WorkerAsync()
{
    while (clock.Elapsed < duration)
    {
        Interlocked.Increment(ref sent);
        try
        {
            await invoker.AsyncUnaryCall(evaluate, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), request);
            Interlocked.Increment(ref ok);
        }
        catch (RpcException ex) when (IsRefused(ex))
        {
            Interlocked.Increment(ref refused);
            await Task.Delay(20);
        }
        catch (RpcException)
        {
            Interlocked.Increment(ref failed);
            await Task.Delay(20);
        }
    }
}

static bool IsRefused(RpcException ex)
{
    for (Exception? e = ex.Status.DebugException; e is not null; e = e.InnerException)
    {
        if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
        {
            return true;
        }
    }

    return false;
}

var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)).ToArray();
while (!Task.WhenAll(workers).Wait(TimeSpan.FromSeconds(10)))
{
    Console.WriteLine($"t={clock.Elapsed.TotalSeconds:0}s sent={Interlocked.Read(ref sent)} ok={Interlocked.Read(ref ok)} refused={Interlocked.Read(ref refused)} failed={Interlocked.Read(ref failed)}");
}

Console.WriteLine($"sent={sent} ok={ok} refused={refused} failed={failed}");
return 0;
