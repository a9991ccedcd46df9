using SipReg.Analysis.Facts;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class LifetimeRuleTests
{
    [Fact]
    public void A_contact_expires_parameter_overrides_the_expires_header()
    {
        var report = new Scenario().Register(expires: 3600, contactExpires: 120).Ok().Analyze();
        var flow = Assert.Single(report.Flows);

        Assert.Equal(120, flow.RequestedExpires);
        Assert.Equal(120, flow.Contacts[0].RequestedExpires);
        Assert.Equal(120, flow.GrantedExpires);
    }

    [Fact]
    public void Without_contact_parameter_nor_expires_header_the_lifetime_is_3600()
    {
        var report = new Scenario().Register(expires: null).Ok(grant: 3600).Analyze();
        Assert.Equal(3600, Assert.Single(report.Flows).RequestedExpires);
    }

    [Fact]
    public void Per_contact_lifetimes_of_several_contacts_follow_each_contact()
    {
        SipContactFact C(int port, long? exp) => new() { Uri = "sip:alice@192.0.2.10:" + port, Host = "192.0.2.10", Port = port, Expires = exp };
        var s = new Scenario().Register(expires: 3600, contacts: [C(5081, 120), C(5082, 600), C(5083, null)]).Ok();
        var flow = Assert.Single(s.Analyze().Flows);

        Assert.Equal([120L, 600, 3600], flow.Contacts.Select(c => c.RequestedExpires));
        Assert.Equal([120L, 600, 3600], flow.Contacts.Select(c => c.GrantedExpires!.Value));
    }

    [Fact]
    public void The_granted_lifetime_is_read_from_the_matching_contact_by_uri_comparison()
    {
        // RFC 3261 §19.1.4: host compares case-insensitively; the registrar lists another binding first.
        var s = new Scenario().Register(expires: 300, contacts: [new SipContactFact { Uri = "sip:alice@Host.Example:5060;transport=udp", Host = "host.example", Port = 5060 }])
            .Ok(contacts:
            [
                new SipContactFact { Uri = "sip:alice@other.example:5060", Expires = 999 },
                new SipContactFact { Uri = "<sip:alice@host.example:5060;transport=UDP>", Expires = 90 },
            ]);

        var flow = Assert.Single(s.Analyze().Flows);
        Assert.Equal(90, flow.GrantedExpires);
    }

    [Fact]
    public void Without_a_matching_contact_the_200s_expires_header_is_the_grant()
    {
        var s = new Scenario().Register(expires: 300).Ok(noContacts: true, expiresHeader: 200);
        Assert.Equal(200, Assert.Single(s.Analyze().Flows).GrantedExpires);
    }

    [Fact]
    public void A_grant_below_the_request_is_granted_expires_reduced()
    {
        var report = new Scenario().Register(expires: 3600).Ok(grant: 60).Analyze();
        var f = Assert.Single(report.Findings, f => f.Rule == "granted-expires-reduced");
        Assert.Contains("60", f.Title, StringComparison.Ordinal);
        Assert.Contains("3600", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_equal_to_the_request_is_not_reduced()
    {
        Assert.False(new Scenario().Register(expires: 300).Ok().Analyze().Has("granted-expires-reduced"));
    }

    [Fact]
    public void A_refresh_after_the_granted_lifetime_ran_out_is_binding_lapsed()
    {
        var s = new Scenario().Register(expires: 3600).Ok(grant: 60).At(3240).Register(expires: 3600).Ok(grant: 60);
        var report = s.Analyze();

        Assert.Equal(RegistrationStatus.Registered, report.Status);
        var f = Assert.Single(report.Findings, f => f.Rule == "binding-lapsed");
        Assert.Contains("3180", f.Title, StringComparison.Ordinal);
        Assert.Equal([2L, 3], f.Frames);
        Assert.True(report.Has("granted-expires-reduced"));
    }

    [Fact]
    public void A_refresh_within_the_granted_lifetime_is_not_lapsed()
    {
        var s = new Scenario().Register(expires: 3600).Ok(grant: 60).At(30).Register(expires: 3600).Ok(grant: 60);
        Assert.False(s.Analyze().Has("binding-lapsed"));
    }

    [Fact]
    public void A_contact_star_with_expires_zero_is_a_deregistration()
    {
        var report = new Scenario().Register().Ok().At(10).Register(expires: 0, star: true).Ok().Analyze();

        Assert.Equal(RegistrationStatus.Deregistered, report.Status);
        Assert.True(report.Has("deregistration"));
        Assert.Empty(report.Model.Bindings.BindingsAt(Scenario.Ns(11)));
    }

    [Fact]
    public void A_zero_contact_expires_is_a_deregistration_even_with_a_nonzero_expires_header()
    {
        var report = new Scenario().Register().Ok().At(10).Register(expires: 300, contactExpires: 0).Ok().Analyze();

        Assert.Equal(RegistrationStatus.Deregistered, report.Status);
        Assert.True(report.Has("deregistration"));
    }

    [Fact]
    public void Registering_again_after_a_deregistration_is_registered()
    {
        var report = new Scenario().Register().Ok().At(10).Register(expires: 0, star: true).Ok().At(20).Register().Ok().Analyze();

        Assert.Equal(RegistrationStatus.Registered, report.Status);
        Assert.True(report.Has("deregistration"));
    }

    [Fact]
    public void A_plain_registration_is_no_deregistration()
    {
        Assert.False(new Scenario().Register().Ok().Analyze().Has("deregistration"));
    }
}
