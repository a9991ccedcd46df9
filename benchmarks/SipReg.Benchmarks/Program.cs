using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SipReg.Benchmarks.Infrastructure;

namespace SipReg.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet's default (2 minutes) is too short for a 2-core machine that others also build on.</summary>
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(15);

    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "compare")
        {
            // compare --version X [--source DIR] [BenchmarkDotNet arguments]: the package X (baseline) and the working tree in one run.
            var (config, rest) = CompareVersionsConfig.FromArguments(args[1..]);
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config.WithBuildTimeout(s_buildTimeout));
            return 0;
        }
#if !SIPREG_PACKAGES
        if (args.Length > 0 && args[0] == "generate")
        {
            return GenerateCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "measure")
        {
            return MeasureCommand.RunAsync(args[1..]).GetAwaiter().GetResult();
        }
#endif

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(s_buildTimeout));
        return 0;
    }
}
