using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class RoutingRuleTests
{
    private const string ServiceRoute = "<sip:orig@198.51.100.1:5060;lr>";

    [Fact]
    public void An_invite_without_the_service_route_is_service_route_ignored()
    {
        var report = new Scenario().Register().Ok(serviceRoute: [ServiceRoute]).At(1).Request("INVITE").Analyze();

        Assert.Equal(RegistrationStatus.Registered, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "service-route-ignored");
        Assert.Contains("INVITE", f.Title, StringComparison.Ordinal);
        Assert.Equal([2L, 3], f.Frames);
    }

    [Fact]
    public void An_invite_routed_through_the_service_route_is_fine_even_behind_an_outbound_proxy()
    {
        var report = new Scenario().Register().Ok(serviceRoute: [ServiceRoute]).At(1)
            .Request("INVITE", route: ["<sip:edge.example.com;lr>", "<sip:orig@198.51.100.1:5060;lr>"]).Analyze();
        Assert.False(report.Has("service-route-ignored"));
    }

    [Fact]
    public void Without_a_service_route_nothing_is_expected()
    {
        Assert.False(new Scenario().Register().Ok().At(1).Request("INVITE").Analyze().Has("service-route-ignored"));
    }

    [Fact]
    public void Outbound_asked_for_but_not_confirmed_is_outbound_incomplete()
    {
        var s = new Scenario { InstanceId = "<urn:uuid:00000000-0000-0000-0000-000000000001>" }
            .Register(regId: "1", supported: ["outbound", "path", "gruu"]).Challenge()
            .Register(regId: "1", supported: ["outbound", "path", "gruu"], auth: true).Ok();
        var report = s.Analyze();

        Assert.Equal(RegistrationStatus.ChallengeThenRegistered, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "outbound-incomplete");
        Assert.Contains("reg-id echoed", f.Detail, StringComparison.Ordinal);
        Assert.True(report.Flows[0].Contacts[0].Ob);
    }

    [Fact]
    public void Outbound_confirmed_with_require_outbound_is_fine()
    {
        var s = new Scenario { InstanceId = "<urn:uuid:00000000-0000-0000-0000-000000000001>" }
            .Register(regId: "1", supported: ["outbound"]).Ok(require: ["outbound"]);
        var report = s.Analyze();

        Assert.False(report.Has("outbound-incomplete"));
        Assert.True(report.Flows[0].OutboundConfirmed);
    }

    [Fact]
    public void An_instance_without_reg_id_does_not_ask_for_outbound()
    {
        var s = new Scenario { InstanceId = "<urn:uuid:00000000-0000-0000-0000-000000000002>" }.Register(supported: ["gruu"]).Ok();
        Assert.False(s.Analyze().Has("outbound-incomplete"));
    }

    [Fact]
    public void Gruus_and_path_of_the_200_are_kept_on_the_flow()
    {
        var s = new Scenario { InstanceId = "<urn:uuid:x>" }.Register(supported: ["gruu", "path"]);
        var c = s.LastRequest.Contacts[0];
        s.Ok(contacts: [c with { Expires = 300, PubGruu = "sip:alice@example.com;gr=urn:uuid:x", TempGruu = "sip:tgruu.1@example.com;gr" }], path: ["<sip:edge.example.com;lr>"]);

        var flow = Assert.Single(s.Analyze().Flows);
        Assert.Equal("sip:alice@example.com;gr=urn:uuid:x", flow.Contacts[0].PubGruu);
        Assert.Equal("sip:tgruu.1@example.com;gr", flow.Contacts[0].TempGruu);
        Assert.Equal(["<sip:edge.example.com;lr>"], flow.Path);
        Assert.Equal("<urn:uuid:x>", flow.InstanceId);
    }

    [Fact]
    public void Old_bindings_left_by_earlier_flows_on_other_ports_are_ghost_bindings()
    {
        var facts = Ghosts(3);
        var report = Scenario.Analyze(facts);

        Assert.Equal(RegistrationStatus.Registered, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "ghost-bindings");
        Assert.StartsWith("3 bindings", f.Title, StringComparison.Ordinal);
        Assert.Equal("sip:alice@example.com", f.Aor);
    }

    [Fact]
    public void Several_contacts_from_one_register_are_not_ghosts()
    {
        SipContactFact C(int port) => new() { Uri = "sip:alice@192.0.2.10:" + port, Host = "192.0.2.10", Port = port };
        var s = new Scenario().Register(contacts: [C(5081), C(5082), C(5083)]).Ok();
        Assert.False(s.Analyze().Has("ghost-bindings"));
    }

    [Fact]
    public void A_single_flow_re_registering_is_not_a_ghost()
    {
        Assert.False(Scenario.Analyze(Ghosts(1)).Has("ghost-bindings"));
    }

    private static List<CaptureFact> Ghosts(int ports)
    {
        var facts = new List<CaptureFact>();
        var listed = new List<SipContactFact>();
        for (var i = 0; i < ports; i++)
        {
            var s = new Scenario(ua: "192.0.2.10:" + (5071 + i), callId: "ghost-" + i, frameBase: i * 10).At(i);
            s.Register();
            listed.Add(s.LastRequest.Contacts[0] with { Expires = 300 - i });
            s.Ok(contacts: [.. listed]);
            facts.AddRange(s.Facts);
        }

        return facts;
    }
}
