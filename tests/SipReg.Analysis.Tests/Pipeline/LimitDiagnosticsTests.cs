using SipReg.Analysis.Pipeline;
using SipReg.Generator;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>What an analysis limit leaves out is reported with the capture's diagnostics, never dropped in silence.</summary>
public sealed class LimitDiagnosticsTests
{
    [Fact]
    public async Task Each_limit_reached_is_reported_with_what_it_left_out()
    {
        var analysis = await AnalyzeFleetAsync(new AnalysisOptions { MaxFlows = 5, MaxActiveTransactions = 3, MaxDnsClues = 2 });
        var model = analysis.Report.Model;
        var messages = analysis.Capture.Diagnostics.Select(d => d.Message).ToList();

        Assert.True(model.UntrackedRegisterRequests > 0);
        Assert.True(model.TransactionsRetiredEarly > 0);
        Assert.True(model.DroppedDnsClues > 0);
        Assert.Contains($"{model.UntrackedRegisterRequests} REGISTER requests not analysed: 5 registration flows already tracked (MaxFlows)", messages);
        Assert.Contains(
            $"{model.TransactionsRetiredEarly} transactions stopped waiting for responses before their timeout: 3 were already waiting (MaxActiveTransactions)",
            messages);
        Assert.Contains($"{model.DroppedDnsClues} DNS lookups not kept as clues: 2 already kept (MaxDnsClues)", messages);
    }

    [Fact]
    public void Bindings_past_MaxBindingsPerAor_are_reported()
    {
        var s = new Scenario();
        for (var i = 0; i < 5; i++)
        {
            s.At(i).Register(contacts: [new Facts.SipContactFact { Uri = $"sip:alice@192.0.2.10:{10_000 + i}" }]).Ok(noContacts: true);
        }

        var options = new AnalysisOptions { MaxBindingsPerAor = 2 };
        var model = s.Analyze(options).Model;
        Assert.Equal(
            ["3 new bindings not tracked: their address-of-record already had 2 (MaxBindingsPerAor)"],
            CaptureAnalyzer.LimitDiagnostics(model, options).Select(d => d.Message));
    }

    [Fact]
    public void Ended_bindings_past_MaxBindingHistory_are_reported()
    {
        // Five Contacts, each bound and then removed: five ended spans for a history of two.
        var s = new Scenario();
        for (var i = 0; i < 5; i++)
        {
            var contact = new Facts.SipContactFact { Uri = $"sip:alice@192.0.2.10:{10_000 + i}" };
            s.At(2 * i).Register(contacts: [contact]).Ok().At((2 * i) + 1).Register(expires: 0, contacts: [contact with { Expires = 0 }]).Ok();
        }

        var options = new AnalysisOptions { MaxBindingHistory = 2 };
        var model = s.Analyze(options).Model;
        Assert.Equal(3, model.Bindings.DroppedSpans);
        Assert.Equal(
            ["3 ended bindings dropped from the history, the oldest first: it holds 2 (MaxBindingHistory)"],
            CaptureAnalyzer.LimitDiagnostics(model, options).Select(d => d.Message));
    }

    [Fact]
    public async Task Within_the_limits_nothing_is_reported()
    {
        var analysis = await AnalyzeFleetAsync(new AnalysisOptions());
        Assert.DoesNotContain(analysis.Capture.Diagnostics, d => d.Message.Contains("(Max", StringComparison.Ordinal));
    }

    private static async Task<CaptureAnalysis> AnalyzeFleetAsync(AnalysisOptions options)
    {
        using var capture = new MemoryStream();
        CaptureGenerator.WriteFleet(new FleetSpec { Seed = 5, UserAgents = 40, TargetSipMessages = 2_000 }, capture);
        capture.Position = 0;
        await using var source = CaptureMessageSource.Create(capture);
        return await CaptureAnalyzer.AnalyzeAsync(source, null, options);
    }
}
