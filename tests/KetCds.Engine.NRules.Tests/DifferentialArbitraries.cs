using FsCheck;
using FsCheck.Fluent;

namespace KetCds.Engine.NRules.Tests;

/// <summary>FsCheck generators for the differential: fact sets over the shipped vocabulary, from seeds spread over the whole range.</summary>
public static class DifferentialArbitraries
{
    private static readonly Lazy<FactSetGenerator> Shipped = new(() => new FactSetGenerator(ShippedEngines.RuleSet.Compiled.Model));

    public static Arbitrary<ShippedFactSet> ShippedFactSet() =>
        Gen.Choose(0, int.MaxValue).Select(seed => new ShippedFactSet(seed, Shipped.Value.Create(seed))).ToArbitrary();
}
