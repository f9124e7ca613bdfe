using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace KetCds.Audit.Tests.Support;

/// <summary>The KetCds.Audit.Appender child process: collects the sequence numbers it acknowledged until it is SIGKILLed.</summary>
internal sealed class AppenderProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<(long Sequence, string RequestId)> _acks = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AppenderProcess(string connectionString, string tag)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KetCds.Audit.Appender.dll"));
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(tag);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Errors.Enqueue(e.Data); } };
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public ConcurrentQueue<string> Errors { get; } = new();

    public IReadOnlyCollection<(long Sequence, string RequestId)> Acknowledged => _acks;

    /// <summary>Waits until at least <paramref name="count"/> acknowledgements arrived; fails if the child exits or hangs first.</summary>
    public async Task WaitForAcksAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (_acks.Count < count)
        {
            Assert.False(_exited.Task.IsCompleted, "the appender exited early: " + string.Join(" | ", Errors));
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>SIGKILL (Process.Kill sends SIGKILL on Unix): no handler, no flush, no disposal runs in the child.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        // A line cut off by the kill is not an acknowledgement: only complete "ack N ID" lines count.
        var parts = line?.Split(' ');
        if (parts is ["ack", var sequence, var id] && long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            _acks.Enqueue((value, id));
        }
    }
}
