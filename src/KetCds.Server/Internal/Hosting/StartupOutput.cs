namespace KetCds.Server.Internal.Hosting;

/// <summary>Where the startup line goes: stdout in production, a capture in tests.</summary>
/// <param name="Writer">The writer receiving the line.</param>
internal sealed record StartupOutput(TextWriter Writer);
