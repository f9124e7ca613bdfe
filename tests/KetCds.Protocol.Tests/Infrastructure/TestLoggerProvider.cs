using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KetCds.Protocol.Tests.Infrastructure;

/// <summary>Captures every log entry of the server under test so tests can fail on unexpected errors.</summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    /// <summary>Removes and returns every Error-or-worse entry logged so far.</summary>
    public IReadOnlyList<LogEntry> TakeErrors()
    {
        var errors = new List<LogEntry>();
        var rest = new List<LogEntry>();
        while (_entries.TryDequeue(out var entry))
        {
            (entry.Level >= LogLevel.Error ? errors : rest).Add(entry);
        }

        foreach (var entry in rest)
        {
            _entries.Enqueue(entry);
        }

        return errors;
    }

    /// <summary>A snapshot of every entry still held (errors already taken are gone).</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
