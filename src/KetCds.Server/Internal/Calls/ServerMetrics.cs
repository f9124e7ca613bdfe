using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KetCds.Server.Internal.Calls;

/// <summary>
/// The server's own instruments (meter <c>KetCds.Server</c>): calls, call latency and evaluation time, each tagged with
/// the rule-set version that answered. Tags carry method names, status codes and versions only, never request content.
/// Recording costs nothing measurable while no listener (OpenTelemetry, dotnet-counters) is attached.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>The meter name to enable in OpenTelemetry or dotnet-counters.</summary>
    public const string MeterName = "KetCds.Server";

    private readonly TimeProvider _time;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _evaluationDuration;

    public ServerMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time;
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("ketcds.server.calls", "{call}", "gRPC calls handled, by method, status and rule-set version");
        _callDuration = meter.CreateHistogram<double>("ketcds.server.call.duration", "s", "Time from the handler's start to its status");
        _evaluationDuration = meter.CreateHistogram<double>("ketcds.evaluation.duration", "s", "Time to validate and evaluate one patient");
    }

    /// <summary>A timestamp to pass back to <see cref="Evaluated"/> or <see cref="CallEnded"/>.</summary>
    public long Start() => _time.GetTimestamp();

    /// <summary>How long since <paramref name="started"/>.</summary>
    public TimeSpan Elapsed(long started) => _time.GetElapsedTime(started);

    /// <summary>Records one evaluation that began at <paramref name="started"/>.</summary>
    public void Evaluated(long started, string ruleSet)
    {
        if (_evaluationDuration.Enabled)
        {
            _evaluationDuration.Record(Elapsed(started).TotalSeconds, new KeyValuePair<string, object?>("ketcds.rule_set", ruleSet));
        }
    }

    /// <summary>Records one finished call.</summary>
    public void CallEnded(string method, string status, string ruleSet, TimeSpan elapsed)
    {
        if (!_calls.Enabled && !_callDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "rpc.method", method },
            { "rpc.grpc.status_code", status },
            { "ketcds.rule_set", ruleSet },
        };
        _calls.Add(1, tags);
        _callDuration.Record(elapsed.TotalSeconds, tags);
    }
}
