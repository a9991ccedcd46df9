using SipReg.Generator;
using SipReg.Testing;

namespace SipReg.Cli.Tests;

/// <summary>
/// The samples shipped in <c>samples/</c> are made by the project's own generator: every <c>generate</c> line of
/// <c>samples/make-samples.sh</c> is run again in-process and must give the committed bytes exactly.
/// </summary>
public sealed class SampleCaptureTests
{
    public static TheoryData<string> ScriptLines()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(Corpus.RepositoryRoot, "samples", "make-samples.sh")))
        {
            if (line.Contains(" generate ", StringComparison.Ordinal))
            {
                data.Add(line[(line.IndexOf(" generate ", StringComparison.Ordinal) + 1)..]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScriptLines))]
    public async Task Committed_sample_is_what_the_generator_writes(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = args.IndexOf("-o");
        var sample = Path.Combine(Corpus.RepositoryRoot, args[output + 1]);
        args[output + 1] = "-";

        var (exit, stdout, stderr) = await CliBytes.RunAsync([.. args]);

        Assert.True(exit == 0, stderr);
        Assert.True(File.Exists(sample), sample + " is missing: run samples/make-samples.sh");
        var committed = await File.ReadAllBytesAsync(sample);
        Assert.True(stdout.AsSpan().SequenceEqual(committed), sample + " differs from the generator's output: run samples/make-samples.sh");
    }

    [Fact]
    public async Task Generate_list_names_every_scenario_with_its_expected_status()
    {
        var (exit, stdout, _) = await Cli.RunAsync("generate", "--list");

        Assert.Equal(0, exit);
        foreach (var scenario in RegistrationScenarios.All())
        {
            Assert.Contains(scenario.Name + " ", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Generate_needs_an_output_and_a_known_scenario()
    {
        Assert.Equal(2, (await Cli.RunAsync("generate", "--scenario", "healthy")).ExitCode);
        var (exit, _, stderr) = await Cli.RunAsync("generate", "--scenario", "no-such-thing", "-o", "-");
        Assert.Equal(2, exit);
        Assert.Contains("no scenario 'no-such-thing'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_fleet_analyses_to_the_status_its_counts_promise()
    {
        var file = Path.Combine(Path.GetTempPath(), "sipreg-fleet-" + Guid.NewGuid().ToString("N") + ".pcap");
        var counts = file + ".json";
        try
        {
            var (exit, _, stderr) = await Cli.RunAsync("generate", "--fleet", "--user-agents", "40", "--duration", "900", "--seed", "7", "-o", file, "--counts", counts);
            Assert.True(exit == 0, stderr);
            using var promised = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(counts));

            var (_, json, _) = await Cli.RunAsync("analyze", "--format", "json", file);

            using var report = System.Text.Json.JsonDocument.Parse(json);
            var records = report.RootElement.GetProperty("capture").GetProperty("accounting").GetProperty("records").GetInt64();
            Assert.Equal(promised.RootElement.GetProperty("records").GetInt64(), records);
            Assert.Equal(promised.RootElement.GetProperty("expectedCaptureStatus").GetString(), report.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            File.Delete(file);
            File.Delete(counts);
        }
    }
}
