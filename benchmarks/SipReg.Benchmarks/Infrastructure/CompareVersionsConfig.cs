using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;

namespace SipReg.Benchmarks.Infrastructure;

/// <summary>
/// Two jobs in one run: the benchmarks built against the SipReg packages of an earlier version (the baseline job,
/// <c>/p:SipRegPackageVersion=X</c>) and against the working tree, so BenchmarkDotNet prints the ratio per benchmark.
/// </summary>
/// <remarks>
/// Only the parser benchmarks (SIP, DNS) exist in the package build. The methods marked
/// <c>Baseline = true</c> are left out: here the baseline is the earlier version, not a method.
/// </remarks>
public sealed class CompareVersionsConfig : ManualConfig
{
    private CompareVersionsConfig(string version, string? source, bool longRun)
    {
        // The default loggers, exporters and columns; the jobs below replace the default job.
        Add(DefaultConfig.Instance);
        var arguments = new List<Argument> { new MsBuildArgument("/p:SipRegPackageVersion=" + version) };
        if (source is not null)
        {
            arguments.Add(new MsBuildArgument("/p:SipRegPackageSource=" + Path.GetFullPath(source)));
        }

        var job = longRun ? Job.Default : Job.ShortRun;
        AddJob(job.WithArguments([.. arguments]).WithId("v" + version).AsBaseline());
        AddJob(job.WithId("working tree"));
        AddFilter(new SimpleFilter(benchmark => !benchmark.Descriptor.Baseline
            && benchmark.Descriptor.Type.Namespace is "SipReg.Benchmarks.Sip" or "SipReg.Benchmarks.Dns"));
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByMethod, BenchmarkLogicalGroupRule.ByParams);
        AddColumn(ThroughputColumn.MegabytesPerSecond, ThroughputColumn.MessagesPerSecond);
    }

    /// <summary>Reads <c>--version X</c>, <c>--source DIR</c> and <c>--long</c> (default jobs instead of short ones); the other arguments go to BenchmarkDotNet.</summary>
    public static (CompareVersionsConfig Config, string[] Arguments) FromArguments(string[] args)
    {
        string? version = null, source = null;
        bool longRun = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--version" && i + 1 < args.Length)
            {
                version = args[++i];
            }
            else if (args[i] == "--long")
            {
                longRun = true;
            }
            else if (args[i] == "--source" && i + 1 < args.Length)
            {
                source = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (version is null)
        {
            throw new ArgumentException("compare needs --version X (the earlier SipReg package version).");
        }

        if (!rest.Contains("--filter"))
        {
            rest.AddRange(["--filter", "*"]);
        }

        return (new CompareVersionsConfig(version, source, longRun), [.. rest]);
    }
}
