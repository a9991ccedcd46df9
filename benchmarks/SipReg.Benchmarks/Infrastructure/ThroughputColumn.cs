using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SipReg.Benchmarks.Infrastructure;

/// <summary>MB/s, messages/s or allocated bytes per message, from the workload a benchmark class declares.</summary>
public sealed class ThroughputColumn : IColumn
{
    /// <summary>Input megabytes (10^6 bytes) per second.</summary>
    public static readonly IColumn MegabytesPerSecond = new ThroughputColumn("MB/s", ThroughputKind.Megabytes);

    /// <summary>Messages (or packets) per second.</summary>
    public static readonly IColumn MessagesPerSecond = new ThroughputColumn("Msg/s", ThroughputKind.Messages);

    /// <summary>Allocated bytes per message (or packet).</summary>
    public static readonly IColumn AllocatedPerMessage = new ThroughputColumn("B/msg", ThroughputKind.AllocatedPerMessage);

    private static readonly ConcurrentDictionary<string, Workload> s_workloads = new();
    private readonly ThroughputKind _kind;

    private ThroughputColumn(string name, ThroughputKind kind)
    {
        ColumnName = name;
        _kind = kind;
    }

    private enum ThroughputKind
    {
        Megabytes,
        Messages,
        AllocatedPerMessage,
    }

    public string Id => nameof(ThroughputColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _kind switch
    {
        ThroughputKind.Megabytes => "Input megabytes (10^6 B) processed per second",
        ThroughputKind.Messages => "Messages (or packets) processed per second",
        _ => "Bytes allocated per message (or packet)",
    };

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || GetWorkload(benchmarkCase) is not { } workload)
        {
            return "-";
        }

        double seconds = statistics.Mean / 1e9;
        return _kind switch
        {
            ThroughputKind.Megabytes => workload.Bytes <= 0 ? "-" : (workload.Bytes / seconds / 1e6).ToString("N0", CultureInfo.InvariantCulture),
            ThroughputKind.Messages => workload.Messages <= 0 ? "-" : (workload.Messages / seconds).ToString("N0", CultureInfo.InvariantCulture),
            _ => workload.Messages <= 0 ? "-"
                : (report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is long allocated
                    ? ((double)allocated / workload.Messages).ToString("0.##", CultureInfo.InvariantCulture)
                    : "-"),
        };
    }

    public override string ToString() => ColumnName;

    private static Workload? GetWorkload(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!typeof(IThroughputWorkload).IsAssignableFrom(type))
        {
            return null;
        }

        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        string key = type.FullName + "|" + benchmarkCase.Parameters.DisplayInfo + "|" + method;
        return s_workloads.GetOrAdd(key, _ =>
        {
            var instance = (IThroughputWorkload)Activator.CreateInstance(type)!;
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
                type.GetField(parameter.Name)?.SetValue(instance, parameter.Value);
            }

            instance.Prepare();
            return instance.GetWorkload(method);
        });
    }
}
