namespace KetCds.Cli.Internal.Replay;

/// <summary>The replay command's parsed options.</summary>
/// <param name="Cases">The cases directory as given.</param>
/// <param name="Rules">The rules directory as given (or the default).</param>
/// <param name="RulesGiven">Whether --rules was given explicitly.</param>
/// <param name="Server">The server to replay against, or null for in-process.</param>
/// <param name="JUnit">Where to write JUnit XML, or null.</param>
/// <param name="Update">Whether to rewrite failing cases' expectations.</param>
/// <param name="Parallelism">Worker threads.</param>
/// <param name="Engine">The in-process engine: ketcds or nrules.</param>
/// <param name="EngineGiven">Whether --engine was given explicitly.</param>
internal sealed record ReplayOptions(string Cases, string Rules, bool RulesGiven, string? Server, string? JUnit, bool Update, int Parallelism, string Engine, bool EngineGiven)
{
    /// <summary>Credentials for <see cref="Server"/>.</summary>
    public ServerCredentials Credentials { get; init; } = new(null, null, null, null);
}
