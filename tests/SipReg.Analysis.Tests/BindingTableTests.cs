using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class BindingTableTests
{
    [Fact]
    public void Bindings_follow_grants_refreshes_and_removal_over_time()
    {
        var s = new Scenario().At(0).Register(expires: 60).Ok()
            .At(50).Register(expires: 60).Ok()
            .At(200).Register(expires: 60).Ok()
            .At(230).Register(expires: 0, star: true).Ok();
        var table = s.Analyze().Model.Bindings;

        Assert.Single(table.BindingsAt("sip:alice@example.com", Scenario.Ns(30)));
        Assert.Single(table.BindingsAt("sip:alice@EXAMPLE.com", Scenario.Ns(100))); // refreshed at 50 for 60 s
        Assert.Empty(table.BindingsAt("sip:alice@example.com", Scenario.Ns(150)));  // lapsed at 110
        Assert.Single(table.BindingsAt(Scenario.Ns(210)));
        Assert.Empty(table.BindingsAt(Scenario.Ns(231)));
        Assert.Empty(table.BindingsAt(Scenario.Ns(-1)));

        Assert.Equal(2, table.Spans.Count);
        Assert.Equal(BindingEnd.Expired, table.Spans[0].End);
        Assert.Equal(BindingEnd.Deregistered, table.Spans[1].End);
    }

    [Fact]
    public void A_ua_with_a_new_contact_on_every_register_cannot_grow_its_aor_past_MaxBindingsPerAor()
    {
        // The registrar answers without the binding list, so each REGISTER's new Contact adds a binding for an hour.
        var s = new Scenario();
        for (var i = 0; i < 300; i++)
        {
            s.At(i).Register(expires: 3600, contacts: [new SipContactFact { Uri = $"sip:alice@192.0.2.10:{10_000 + i}" }]).Ok(noContacts: true);
        }

        var table = s.Analyze(new AnalysisOptions { MaxBindingsPerAor = 100 }).Model.Bindings;
        Assert.Equal(100, table.BindingsAt("sip:alice@example.com", Scenario.Ns(299)).Count);
        Assert.Equal(200, table.UntrackedBindings);
        Assert.Equal(100, table.Spans.Count);

        var unlimited = s.Analyze().Model.Bindings;
        Assert.Equal(300, unlimited.BindingsAt("sip:alice@example.com", Scenario.Ns(299)).Count);
        Assert.Equal(0, unlimited.UntrackedBindings);
    }

    [Fact]
    public void A_binding_still_held_at_the_end_is_active()
    {
        var span = Assert.Single(new Scenario().Register(expires: 300).Ok().Analyze().Bindings);
        Assert.Equal(BindingEnd.Active, span.End);
        Assert.Equal(300, span.ExpiresSeconds);
        Assert.Equal(Scenario.Ns(300), span.UntilNs);
    }

    [Fact]
    public void A_binding_no_longer_listed_by_the_registrar_is_removed()
    {
        var s = new Scenario().Register().Ok(contacts: [new SipContactFact { Uri = "sip:alice@192.0.2.10:5060", Expires = 300 }, new SipContactFact { Uri = "sip:alice@192.0.2.99:5060", Expires = 300 }])
            .At(10).Register().Ok();
        var table = s.Analyze().Model.Bindings;

        var gone = Assert.Single(table.Spans, b => b.ContactUri.Contains("192.0.2.99", StringComparison.Ordinal));
        Assert.Equal(BindingEnd.Removed, gone.End);
        Assert.Null(gone.FlowKey); // bound before the capture: not ours
        Assert.Single(table.BindingsAt(Scenario.Ns(20)));
    }

    [Fact]
    public void The_binding_history_is_capped_but_live_bindings_stay()
    {
        var options = new AnalysisOptions { MaxBindingHistory = 3 };
        var s = new Scenario();
        for (var i = 0; i < 10; i++)
        {
            s.At(i * 100).Register(expires: 10).Ok();
        }

        var table = s.Analyze(options).Model.Bindings;
        Assert.True(table.Spans.Count <= 3);
        Assert.True(table.DroppedSpans >= 7);
        Assert.Contains(table.Spans, b => b.FromNs == Scenario.Ns(900));
    }
}
