namespace KetCds.Engine.NRules.Tests;

/// <summary>A random fact set over the shipped vocabulary; printed in full so a failure can be rebuilt from its seed or its facts.</summary>
/// <param name="Seed">The seed <see cref="FactSetGenerator"/> built it from.</param>
/// <param name="Facts">The facts.</param>
public sealed record ShippedFactSet(int Seed, FactSet Facts)
{
    public override string ToString() => $"FactSetGenerator(shipped).Create({Seed}):\n{Differential.Render(Facts)}";
}
