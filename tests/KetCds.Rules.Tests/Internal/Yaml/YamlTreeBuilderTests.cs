using System.Text;
using KetCds.Rules.Internal.Yaml;
using YamlDotNet.Core;
using Rm = YamlDotNet.RepresentationModel;

namespace KetCds.Rules.Tests.Internal.Yaml;

/// <summary>
/// The tree built straight from events must be the tree YamlDotNet's own builder gives (converted), node for node:
/// kind, text, style and position; and anything the direct builder does not handle must be left to YamlDotNet.
/// </summary>
public class YamlTreeBuilderTests
{
    public static TheoryData<string> RuleSetFiles()
    {
        var data = new TheoryData<string>();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Rules, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(fixtures, "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleSetFiles))]
    public void TryBuild_RuleSetFile_SameTreeAsYamlDotNet(string path)
    {
        var text = File.ReadAllText(path);

        Assert.True(YamlTreeBuilder.TryBuild(new Parser(new StringReader(text)), out var direct));
        Assert.Equal(Render(ViaYamlDotNet(text)), Render(direct));
    }

    [Theory]
    [InlineData("a: 1\nb: {c: [x, 'y', \"z\", |\n    block\n  ], d: ~}\ne: []\nf: {}\ng:\n")]
    [InlineData("- 1\n- - 2\n  - {k: v}\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("a: {a: 1, b: {a: 2, b: [a, {a: 3}]}}\nb: [{b: 4}, [a, b]]\nc: 5\n")]
    [InlineData("k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\n")]
    public void TryBuild_PlainYaml_SameTreeAsYamlDotNet(string text)
    {
        Assert.True(YamlTreeBuilder.TryBuild(new Parser(new StringReader(text)), out var direct));
        Assert.Equal(Render(ViaYamlDotNet(text)), Render(direct));
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\nk14: 14\nk15: 15\nk16: 16\nk17: 17\nk3: 3\n")]
    [InlineData("a: 1\n!!str a: 2\n")]
    [InlineData("[a]: 1\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: [unclosed\n")]
    public void TryBuild_WhatYamlDotNetMustDecide_IsLeftToIt(string text) =>
        Assert.False(YamlTreeBuilder.TryBuild(new Parser(new StringReader(text)), out _));

    private static YamlNode? ViaYamlDotNet(string text)
    {
        var stream = new Rm.YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : YamlTreeBuilder.Convert(stream.Documents[0].RootNode);
    }

    private static string Render(YamlNode? node)
    {
        var text = new StringBuilder();
        Render(node, text, 0);
        return text.ToString();
    }

    private static void Render(YamlNode? node, StringBuilder text, int depth)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case null:
                text.Append("(none)\n");
                break;
            case YamlScalarNode scalar:
                text.Append($"scalar {scalar.Start.Line}:{scalar.Start.Column} {scalar.Style} [{scalar.Value}]\n");
                break;
            case YamlSequenceNode sequence:
                text.Append($"list {sequence.Start.Line}:{sequence.Start.Column}\n");
                sequence.Children.ForEach(child => Render(child, text, depth + 1));
                break;
            case YamlMappingNode mapping:
                text.Append($"map {mapping.Start.Line}:{mapping.Start.Column}\n");
                foreach (var (key, value) in mapping.Children)
                {
                    Render(key, text, depth + 1);
                    Render(value, text, depth + 2);
                }

                break;
        }
    }
}
