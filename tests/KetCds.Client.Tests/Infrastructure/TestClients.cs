using System.Net;
using System.Net.Sockets;
using KetCds.Contracts.V1;

namespace KetCds.Client.Tests.Infrastructure;

/// <summary>Client options and requests shared by the client tests.</summary>
internal static class TestClients
{
    /// <summary>Retries fast so tests do not wait on backoff; everything else is the production default.</summary>
    public static DecisionSupportClientOptions FastRetries { get; } = new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public static EvaluateRequest ValidRequest(string id = "req-1") =>
        new() { RequestId = id, Patient = new PatientFacts { PainSeverityNrs = 7, PainDurationMonths = 12 } };

    public static EvaluateRequest InvalidRequest() =>
        new() { RequestId = "bad", Patient = new PatientFacts { PainSeverityNrs = 14, PainDurationMonths = -1 } };

    /// <summary>A loopback address nothing listens on: a port that was free a moment ago.</summary>
    public static Uri UnusedLoopbackAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
