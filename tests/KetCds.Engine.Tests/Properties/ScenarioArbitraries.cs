using FsCheck;

namespace KetCds.Engine.Tests.Properties;

/// <summary>Registers the random-scenario generator with FsCheck.</summary>
public static class ScenarioArbitraries
{
    public static Arbitrary<Scenario> Scenario() => ScenarioFactory.Arbitrary();
}
