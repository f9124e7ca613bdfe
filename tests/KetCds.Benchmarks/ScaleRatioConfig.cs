using BenchmarkDotNet.Configs;

namespace KetCds.Benchmarks;

/// <summary>Adds the <see cref="ScaleRatioColumn"/>.</summary>
public sealed class ScaleRatioConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ScaleRatioConfig() => AddColumn(new ScaleRatioColumn());
}
