namespace KetCds.Client.Tests;

public sealed class MetadataEntryTests
{
    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("X-Upper", "'X'")]
    [InlineData("grpc-timeout", "reserved")]
    [InlineData("content-type", "reserved")]
    [InlineData("x-data-bin", "binary value")]
    public void Ascii_InvalidKey_ThrowsNamingTheProblem(string key, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => MetadataEntry.Ascii(key, "v"));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ascii_NonPrintableValue_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => MetadataEntry.Ascii("x-note", "line\nbreak"));
        Assert.Contains("x-note", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_KeyWithoutBinSuffix_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MetadataEntry.Binary("x-data", [1]));
        Assert.Contains("-bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_Bytes_AreCopied()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var entry = MetadataEntry.Binary("x-data-bin", bytes);
        bytes[0] = 9;

        Assert.True(entry.IsBinary);
        Assert.Equal(new byte[] { 1, 2, 3 }, entry.BinaryValue.ToArray());
    }
}
