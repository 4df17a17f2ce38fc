using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;

namespace Synclets.Benchmarks;

/// <summary>Adds the 95th percentile of the measured iterations to a suite's table and CSV report (column <c>P95</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class P95ColumnAttribute() : ColumnConfigBaseAttribute(StatisticColumn.P95);
