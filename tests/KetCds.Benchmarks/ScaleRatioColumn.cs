using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace KetCds.Benchmarks;

/// <summary>Each case's median over the median of the same method and other parameters at Rules = 100.</summary>
public sealed class ScaleRatioColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ScaleRatioColumn);

    /// <inheritdoc />
    public string ColumnName => "x 100 rules";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Median over the median of the same method and case with 100 rules";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var reference = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor == benchmarkCase.Descriptor
            && other.Parameters.Items.All(p => p.Name == "Rules" ? Equals(p.Value, 100) : Equals(p.Value, benchmarkCase.Parameters[p.Name])));
        var mine = summary[benchmarkCase]?.ResultStatistics?.Median;
        var baseline = reference is null ? null : summary[reference]?.ResultStatistics?.Median;
        return mine is null || baseline is null or 0 ? "?" : (mine.Value / baseline.Value).ToString("0.0", CultureInfo.InvariantCulture) + "x";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
