using SipReg.Analysis.Pipeline;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The whole pipeline (capture reader, reassembly, SIP/DNS parsers, analyzer) on the shared corpus: each capture named in
/// expectations.json reaches its status and reports every required rule id and none of the forbidden ones.
/// </summary>
public sealed class CorpusExpectationTests
{
    public static TheoryData<string> ExpectedCaptures()
    {
        using var expectations = Corpus.ReadJson("expectations.json");
        var data = new TheoryData<string>();
        foreach (var entry in expectations.RootElement.EnumerateObject())
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedCaptures))]
    public async Task Capture_reaches_the_expected_status_and_rules(string capture)
    {
        using var expectations = Corpus.ReadJson("expectations.json");
        var expected = expectations.RootElement.GetProperty(capture);

        var analysis = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf(capture));
        var rules = analysis.Report.Findings.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
        var seen = $"status {analysis.Report.StatusName}, rules [{string.Join(", ", rules.Order())}]";

        if (expected.GetProperty("status").GetString() is { } status)
        {
            Assert.True(status == analysis.Report.StatusName, $"{capture}: expected status {status}, got {seen}");
        }

        foreach (var rule in expected.GetProperty("require").EnumerateArray().Select(r => r.GetString()!))
        {
            Assert.True(rules.Contains(rule), $"{capture}: rule {rule} required, got {seen}");
        }

        foreach (var rule in expected.GetProperty("forbid").EnumerateArray().Select(r => r.GetString()!))
        {
            Assert.False(rules.Contains(rule), $"{capture}: rule {rule} forbidden, got {seen}");
        }
    }
}
