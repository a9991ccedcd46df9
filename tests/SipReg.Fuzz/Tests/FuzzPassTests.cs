using SipReg.Testing;
using Xunit.Abstractions;

namespace SipReg.Fuzz.Tests;

/// <summary>The CI fuzz pass: a seeded, bounded run of mutated corpus captures through the whole pipeline.</summary>
public sealed class FuzzPassTests(ITestOutputHelper output)
{
    /// <summary>Inputs per corpus capture; the pass stops earlier when <see cref="s_budget"/> runs out.</summary>
    private const int InputsPerCapture = 200;

    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Seeded_pass_over_the_corpus_has_no_crash_no_hang_no_unaccounted_record_and_bounded_memory()
    {
        var files = Corpus.AllCaptures().ToList();
        var options = new FuzzOptions
        {
            Seed = 8,
            MaxInputs = (long)files.Count * InputsPerCapture,
            Duration = s_budget,
            ArtifactsDirectory = Path.Combine(Corpus.RepositoryRoot, "artifacts", "fuzz"),
        };
        using var harness = new FuzzHarness(options, output.WriteLine);

        var result = await harness.RunAsync(files);

        foreach (string line in result.SummaryLines())
        {
            output.WriteLine(line);
        }

        Assert.True(result.Failures.Count == 0, string.Join(Environment.NewLine, result.Failures));
        // Even on a loaded machine every corpus capture is mutated at least once.
        Assert.True(result.Inputs >= files.Count, result.ClosingLine);
        Assert.True(result.Records > 0, "no record reached the pipeline: the mutator only produced garbage");
    }
}
