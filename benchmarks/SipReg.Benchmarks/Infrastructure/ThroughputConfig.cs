using BenchmarkDotNet.Configs;

namespace SipReg.Benchmarks.Infrastructure;

/// <summary>Adds the MB/s, Msg/s and B/msg columns; applied to every benchmark class with <c>[Config]</c>.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() =>
        AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.MessagesPerSecond, ThroughputColumn.AllocatedPerMessage);
}
