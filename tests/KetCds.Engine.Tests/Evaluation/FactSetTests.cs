using static KetCds.Engine.Tests.Support.ModelBuilder;

namespace KetCds.Engine.Tests.Evaluation;

public class FactSetTests
{
    [Fact]
    public void From_DuplicateName_ThrowsNamingTheFact()
    {
        var error = Assert.Throws<ArgumentException>(() => Facts(("a", Int(1)), ("b", Int(2)), ("a", Int(3))));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AnyOrder_EnumeratesSortedByName()
    {
        var set = Facts(("c", Int(3)), ("a", Int(1)), ("b", Int(2)));
        Assert.Equal(["a", "b", "c"], set.Select(f => f.Key));
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void With_ExistingName_ReplacesValue()
    {
        var set = Facts(("a", Int(1))).With("a", Int(5)).With("b", Int(2));
        Assert.Equal([("a", Int(5)), ("b", Int(2))], set.Select(f => (f.Key, f.Value)));
    }

    [Fact]
    public void Without_Name_RemovesOnlyThatFact()
    {
        var set = Facts(("a", Int(1)), ("b", Int(2))).Without("a");
        Assert.Equal(["b"], set.Select(f => f.Key));
        Assert.Empty(FactSet.Empty);
    }

    [Fact]
    public void From_NullValue_ThrowsNamingTheFact()
    {
        var error = Assert.Throws<ArgumentException>(() => FactSet.From([new KeyValuePair<string, TypedValue>("a", null!)]));
        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }
}
