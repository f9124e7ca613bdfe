using Microsoft.Extensions.Logging;

namespace KetCds.Server.Tests.Infrastructure;

/// <summary>One log entry the server wrote.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : " " + Exception)}";
}
