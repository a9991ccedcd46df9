using SipReg.Analysis.Pipeline;
using SipReg.Generator;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// Each rule on captures the project generates, through the whole pipeline: every scenario reaches the status its
/// generator says, reports the rules it was built to trigger (positive) and none of the rules it was built to avoid
/// (negative), in pcap and in pcapng.
/// </summary>
public sealed class GeneratedScenarioTests
{
    public static TheoryData<string, CaptureFileFormat> Scenarios()
    {
        var data = new TheoryData<string, CaptureFileFormat>();
        foreach (var format in new[] { CaptureFileFormat.Pcap, CaptureFileFormat.PcapNg })
        {
            foreach (var scenario in RegistrationScenarios.All(format))
            {
                data.Add(scenario.Name, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Generated_scenario_reaches_its_status_and_rules(string name, CaptureFileFormat format)
    {
        var scenario = RegistrationScenarios.All(format).Single(s => s.Name == name);

        await using var source = CaptureMessageSource.Create(new MemoryStream(scenario.Bytes));
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source, name);

        var rules = analysis.Report.Findings.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
        var seen = $"{scenario.Description}\ngot status {analysis.Report.StatusName}, rules [{string.Join(", ", rules.Order())}]";
        Assert.True(scenario.ExpectedStatus == analysis.Report.StatusName, $"{name}: expected status {scenario.ExpectedStatus}; {seen}");
        foreach (var rule in scenario.ExpectedRules)
        {
            Assert.True(rules.Contains(rule), $"{name}: expected rule {rule}; {seen}");
        }

        foreach (var rule in scenario.ForbiddenRules)
        {
            Assert.False(rules.Contains(rule), $"{name}: forbidden rule {rule}; {seen}");
        }

        Assert.Equal(analysis.Accounting.Records, analysis.Accounting.Accounted);
        Assert.Equal(scenario.Counts.Records, analysis.Accounting.Records);
        Assert.Equal(scenario.Counts.SipMessages, analysis.SipMessages);
    }
}
