using System.Diagnostics;
using System.Globalization;
using SipReg.Testing;

namespace SipReg.Fuzz;

/// <summary>
/// The soak: <c>dotnet run -c Release --project tests/SipReg.Fuzz -- --minutes 30 [--seed N]</c>;
/// one input again: <c>-- --replay SEED --file live/05_final_403.pcap</c>;
/// the hostile captures at full size (kept under artifacts/fuzz/hostile for <c>sipreg analyze</c>): <c>-- --hostile</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        double minutes = 30;
        long? inputs = null;
        int seed = 1;
        int? replay = null;
        string? file = null;
        bool hostile = false;
        string? only = null;
        bool ciSize = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--minutes":
                    minutes = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--inputs":
                    inputs = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--replay":
                    replay = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--file":
                    file = args[++i];
                    break;
                case "--hostile":
                    hostile = true;
                    break;
                case "--ci-size":
                    ciSize = true;
                    break;
                case "--only":
                    only = args[++i];
                    break;
                default:
                    Console.Error.WriteLine("usage: SipReg.Fuzz [--minutes M] [--inputs N] [--seed S] | --replay SEED --file CORPUS-FILE | --hostile [--ci-size] [--only NAME]");
                    return 2;
            }
        }

        string artifacts = Path.Combine(Corpus.RepositoryRoot, "artifacts", "fuzz");
        if (hostile)
        {
            return await HostileRun.RunAsync(Path.Combine(artifacts, "hostile"), only, ciSize, Console.WriteLine).ConfigureAwait(false);
        }

        var options = new FuzzOptions
        {
            Seed = seed,
            Duration = inputs is null ? TimeSpan.FromMinutes(minutes) : null,
            MaxInputs = inputs,
            ArtifactsDirectory = artifacts,
        };
        using var harness = new FuzzHarness(options, Console.WriteLine);
        if (replay is { } replaySeed)
        {
            if (file is null)
            {
                Console.Error.WriteLine("--replay needs --file (the corpus capture, as printed with the failure)");
                return 2;
            }

            var (input, m) = await harness.ReplayAsync(replaySeed, file).ConfigureAwait(false);
            Console.WriteLine($"replay seed {replaySeed} file {file} [{input.Mutations}], {input.Bytes.Length} bytes: " +
                $"{m.Elapsed.TotalMilliseconds:F0} ms, heap growth {m.ManagedGrowth >> 20} MB, {(m.NotACapture ? "not a capture, " : "")}{m.Failure ?? "ok"}");
            return m.Failure is null ? 0 : 1;
        }

        var files = Corpus.AllCaptures().ToList();
        Console.WriteLine($"fuzz: seed {seed}, {files.Count} corpus captures, {(inputs is null ? $"{minutes} min" : $"{inputs} inputs")}, " +
            $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var result = await harness.RunAsync(files).ConfigureAwait(false);
        foreach (string line in result.SummaryLines())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine($"fuzz: finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB");
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
