using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KetCds.Tests.Shared;

/// <summary>
/// Keeps every log entry (Debug and above) of every logger it creates, so a test can assert on event ids or fail on an
/// unexpected error. Add it to a host's logging, or wrap it with <c>LoggerFactory.Create(b => b.AddProvider(...))</c>
/// for a component that takes an <see cref="ILoggerFactory"/>.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
