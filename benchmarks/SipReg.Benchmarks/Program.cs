using BenchmarkDotNet.Running;

namespace SipReg.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "generate")
        {
            return GenerateCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "measure")
        {
            return MeasureCommand.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
