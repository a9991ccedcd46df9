using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

/// <summary>
/// Events are kept per kind (the first <see cref="AnalysisOptions.MaxEventsPerKind"/> of each) and tallied always:
/// a challenge on every refresh of a long capture must not crowd out a rare event that comes late, and the counts a
/// finding states cover every event, kept or not.
/// </summary>
public sealed class EventCapTests
{
    [Fact]
    public void A_late_rejection_after_a_hundred_challenged_refreshes_is_still_reported()
    {
        var s = new Scenario();
        for (var i = 0; i < 100; i++)
        {
            s.At(i * 300.0).Register(expires: 600).Challenge().After(0.05).Register(expires: 600, auth: true).Ok(grant: 600);
        }

        s.At(100 * 300.0).Register(expires: 600).Challenge().After(0.05).Register(expires: 600, auth: true).Fail(403, "Forbidden");
        var rejection = s.LastRequest;

        var report = s.Analyze();

        var flow = Assert.Single(report.Flows);
        Assert.Equal(101, flow.TallyOf(RegistrationEventKind.Challenged).Count);
        Assert.True(flow.Events.Count(e => e.Kind == RegistrationEventKind.Challenged) <= new AnalysisOptions().MaxEventsPerKind);
        var finding = Assert.Single(report.Findings, f => f.Rule == "final-failure");
        Assert.Contains(rejection.FrameNumber, finding.Frames);
        Assert.Equal(RegistrationStatus.Failed, report.Status);
    }

    [Fact]
    public void Counts_in_findings_cover_events_past_the_cap()
    {
        var s = new Scenario();
        s.At(0).Register(expires: 30).Ok(grant: 30);
        for (var i = 1; i <= 20; i++)
        {
            s.At(i * 45.0).Register(expires: 30).Ok(grant: 30); // 15 s late every time
        }

        var report = s.Analyze(new AnalysisOptions { MaxEventsPerKind = 3 });

        var flow = Assert.Single(report.Flows);
        Assert.Equal(3, flow.Events.Count(e => e.Kind == RegistrationEventKind.BindingLapsed));
        var tally = flow.TallyOf(RegistrationEventKind.BindingLapsed);
        Assert.Equal(20, tally.Count);
        var finding = Assert.Single(report.Findings, f => f.Rule == "binding-lapsed");
        Assert.Contains("(20 time(s))", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("for " + tally.ValueSum + " s", finding.Title, StringComparison.Ordinal);
        Assert.Equal(20 * 15, tally.ValueSum);
    }
}
