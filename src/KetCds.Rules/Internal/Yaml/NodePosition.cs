namespace KetCds.Rules.Internal.Yaml;

/// <summary>
/// Where a node starts (line and column from 1, as YamlDotNet counts them): two ints rather than YamlDotNet's three-long
/// mark, since a 10,000-rule load builds some three hundred thousand nodes and their size is allocation and GC work.
/// </summary>
internal readonly record struct NodePosition(int Line, int Column);
