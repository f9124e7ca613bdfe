using System.CommandLine;

namespace KetCds.Cli.Internal.Common;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Rules() => new("--rules")
    {
        Description = "The rule-set directory.",
        HelpName = "DIR",
        DefaultValueFactory = _ => "rules",
    };

    public static Option<int> Parallel() => new("--parallel")
    {
        Description = "Worker threads for evaluation; 0 uses every core.",
        HelpName = "N",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string> Engine()
    {
        var option = new Option<string>("--engine")
        {
            Description = "The matcher: ketcds (the engine's own) or nrules (the same rules on the NRules Rete engine, an independent second " +
                "execution; slower, and the rule set takes seconds to compile for it).",
            HelpName = "ENGINE",
            DefaultValueFactory = _ => EngineChoice.KetCds,
        };
        option.AcceptOnlyFromAmong(EngineChoice.KetCds, EngineChoice.NRules);
        return option;
    }

    public static Option<bool> Timestamp() => new("--timestamp")
    {
        Description = "Stamp reports with the current time (off by default so reports are byte-identical for the same input).",
    };
}
