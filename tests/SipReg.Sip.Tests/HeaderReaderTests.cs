using static SipReg.Sip.Tests.TestText;

namespace SipReg.Sip.Tests;

public class HeaderReaderTests
{
    [Fact]
    public void Via_reads_protocol_sent_by_and_parameters()
    {
        // RFC 3261 §20.42 example; RFC 3581 §4 rport with value.
        Assert.True(SipVia.TryParse(B("SIP/2.0/UDP erlang.bell-telephone.com:5060;branch=z9hG4bK87asdks7;received=192.0.2.1;rport=5061;maddr=224.2.0.1;ttl=16"), out var via));
        Assert.Equal("SIP", S(via.ProtocolName));
        Assert.Equal("2.0", S(via.ProtocolVersion));
        Assert.Equal("UDP", S(via.Transport));
        Assert.Equal("erlang.bell-telephone.com", S(via.Host));
        Assert.Equal(5060, via.Port);
        Assert.Equal("erlang.bell-telephone.com:5060", S(via.SentBy));
        Assert.Equal("z9hG4bK87asdks7", S(via.Branch));
        Assert.Equal("192.0.2.1", S(via.Received));
        Assert.True(via.HasRPort);
        Assert.Equal(5061, via.RPort);
        Assert.Equal("224.2.0.1", S(via.MAddr));
        Assert.Equal(16, via.Ttl);
    }

    [Fact]
    public void Via_rport_without_value_is_present_but_has_no_port()
    {
        // RFC 3581 §3: the client adds rport without a value to ask for the source port.
        Assert.True(SipVia.TryParse(B("SIP/2.0/TCP [2001:db8::9]:5070;rport;branch=z9hG4bK1"), out var via));
        Assert.True(via.HasRPort);
        Assert.Equal(-1, via.RPort);
        Assert.Equal("[2001:db8::9]", S(via.Host));
        Assert.Equal(5070, via.Port);
        Assert.Equal("[2001:db8::9]:5070", S(via.SentBy));
    }

    [Fact]
    public void Via_tolerates_white_space_around_slashes_and_colon()
    {
        // RFC 3261 §25.1: SLASH = SWS "/" SWS and COLON = SWS ":" SWS (RFC 4475 §3.1.1.1 uses such a Via).
        Assert.True(SipVia.TryParse(B("SIP  /   2.0 /  UDP  host.example.com : 5060 ; branch = z9hG4bKx"), out var via));
        Assert.Equal("UDP", S(via.Transport));
        Assert.Equal("host.example.com", S(via.Host));
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bKx", S(via.Branch));
        Assert.False(via.HasRPort);
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:99999")]
    [InlineData("SIP/2.0/UDP host junk")]
    public void Via_rejects_malformed_values(string value) => Assert.False(SipVia.TryParse(B(value), out _));

    [Fact]
    public void Multiple_vias_in_one_field_and_across_fields_keep_order()
    {
        var m = ParseLines("SIP/2.0 200 OK", "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2", "v: SIP/2.0/TCP c;branch=z9hG4bK3", "", "");
        var branches = new List<string>();
        foreach (var v in m.Vias)
        {
            branches.Add(S(v.Branch));
        }

        Assert.Equal(["z9hG4bK1", "z9hG4bK2", "z9hG4bK3"], branches);
    }

    [Fact]
    public void From_with_quoted_display_name_and_escapes()
    {
        // RFC 3261 §25.1 quoted-pair inside a display name; RFC 4475 §3.1.1.1 style.
        Assert.True(SipNameAddress.TryParse(B("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>;tag=98asjd8"), out var a));
        Assert.True(a.IsDisplayNameQuoted);
        Assert.Equal("J Rosenberg \\\"", SipText.GetUnescapedString(a.DisplayName));
        Assert.Equal("sip:jdrosen@example.com", S(a.Uri));
        Assert.Equal("98asjd8", S(a.Tag));
    }

    [Fact]
    public void To_with_token_display_name_and_no_tag()
    {
        Assert.True(SipNameAddress.TryParse(B("Bob Smith <sip:bob@biloxi.com>"), out var a));
        Assert.Equal("Bob Smith", S(a.DisplayName));
        Assert.False(a.IsDisplayNameQuoted);
        Assert.True(a.Tag.IsEmpty);
    }

    [Fact]
    public void Addr_spec_parameters_belong_to_the_header_not_the_uri()
    {
        // RFC 3261 §20.10: without angle brackets, semicolon parameters are header parameters.
        Assert.True(SipNameAddress.TryParse(B("sip:alice@atlanta.com;tag=88sja8x"), out var a));
        Assert.False(a.HasAngleBrackets);
        Assert.Equal("sip:alice@atlanta.com", S(a.Uri));
        Assert.Equal("88sja8x", S(a.Tag));
    }

    [Fact]
    public void Name_addr_keeps_uri_parameters_inside_the_brackets()
    {
        Assert.True(SipNameAddress.TryParse(B("<sip:alice@atlanta.com;transport=tcp>;tag=1"), out var a));
        Assert.Equal("sip:alice@atlanta.com;transport=tcp", S(a.Uri));
        Assert.True(a.TryGetUri(out var uri));
        Assert.Equal("tcp", S(uri.Transport));
        Assert.Equal("1", S(a.Tag));
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("<sip:a@b")]
    [InlineData("no-scheme")]
    [InlineData("<sip:a@b> junk")]
    public void Name_addr_rejects_malformed_values(string value) => Assert.False(SipNameAddress.TryParse(B(value), out _));

    [Fact]
    public void Contact_reads_outbound_and_gruu_parameters()
    {
        var m = Parse(Ok);
        var n = 0;
        foreach (var c in m.Contacts)
        {
            n++;
            Assert.False(c.IsStar);
            Assert.True(c.TryGetExpires(out var e));
            Assert.Equal(3600u, e);
            Assert.Equal("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", S(c.InstanceId));
            Assert.True(c.TryGetRegId(out var regId));
            Assert.Equal(1u, regId);
            Assert.Equal("sip:bob@biloxi.com;gr=urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF", S(c.PubGruu));
            Assert.Equal("sip:tgruu.7hs==jd7vnzga5w7fajsc7-ajd6fabz0f8g5@biloxi.com;gr", S(c.TempGruu));
            Assert.True(c.Address.TryGetUri(out var uri));
            Assert.True(uri.HasOb);
            Assert.Equal("udp", S(uri.Transport));
        }

        Assert.Equal(1, n);
    }

    [Fact]
    public void Contact_star_is_recognised()
    {
        // RFC 3261 §10.2.2: "Contact: *" with Expires: 0 removes all bindings.
        var m = ParseLines("REGISTER sip:x SIP/2.0", "Contact: *", "Expires: 0", "", "");
        foreach (var c in m.Contacts)
        {
            Assert.True(c.IsStar);
            Assert.False(c.HasExpires);
        }
    }

    [Fact]
    public void Contact_list_with_q_and_expires_per_binding()
    {
        // RFC 3261 §20.10 example.
        var m = ParseLines("REGISTER sip:x SIP/2.0",
            "Contact: \"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600,",
            "   \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1", "", "");
        var qs = new List<int>();
        var expires = new List<long>();
        foreach (var c in m.Contacts)
        {
            Assert.True(c.TryGetQ(out var q));
            qs.Add(q);
            expires.Add(c.TryGetExpires(out var e) ? e : -1);
        }

        Assert.Equal([700, 100], qs);
        Assert.Equal([3600L, -1L], expires);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1000)]
    [InlineData("0.5", 500)]
    [InlineData("0.123", 123)]
    [InlineData("1.000", 1000)]
    public void Q_values_follow_the_qvalue_grammar(string q, int expected)
    {
        Assert.True(SipContact.TryParse(B($"<sip:a@b>;q={q}"), out var c));
        Assert.True(c.TryGetQ(out var t));
        Assert.Equal(expected, t);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("1.5")]
    [InlineData("0.1234")]
    [InlineData("x")]
    public void Invalid_q_values_are_rejected(string q)
    {
        Assert.True(SipContact.TryParse(B($"<sip:a@b>;q={q}"), out var c));
        Assert.False(c.TryGetQ(out _));
    }

    [Fact]
    public void Huge_expires_is_clamped_to_uint_max()
    {
        // RFC 3261 §20.19: Expires is between 0 and 2**32-1; larger values are clamped instead of overflowing.
        Assert.True(SipContact.TryParse(B("<sip:a@b>;expires=99999999999999999999999"), out var c));
        Assert.True(c.TryGetExpires(out var e));
        Assert.Equal(uint.MaxValue, e);
    }

    [Fact]
    public void CSeq_reads_number_and_method()
    {
        Assert.True(SipCSeq.TryParse(B("  4711   INVITE "), out var c));
        Assert.Equal(4711u, c.Number);
        Assert.Equal("INVITE", S(c.Method));
        Assert.False(SipCSeq.TryParse(B("4711"), out _));
        Assert.False(SipCSeq.TryParse(B("99999999999 REGISTER"), out _));
    }

    [Fact]
    public void Sip_uri_with_user_password_host_port_parameters_and_headers()
    {
        // RFC 3261 §19.1.3 examples.
        Assert.True(SipUri.TryParse(B("sip:alice:secretword@atlanta.com;transport=tcp"), out var u));
        Assert.Equal(SipUriScheme.Sip, u.Kind);
        Assert.Equal("alice", S(u.User));
        Assert.Equal("secretword", S(u.Password));
        Assert.Equal("atlanta.com", S(u.Host));
        Assert.Equal(-1, u.Port);
        Assert.Equal("tcp", S(u.Transport));

        Assert.True(SipUri.TryParse(B("sips:alice@atlanta.com?subject=project%20x&priority=urgent"), out u));
        Assert.Equal(SipUriScheme.Sips, u.Kind);
        Assert.Equal("subject=project%20x&priority=urgent", S(u.Headers));
        Assert.Equal("sips:alice@atlanta.com", S(u.WithoutHeaders));

        Assert.True(SipUri.TryParse(B("sip:+1-212-555-1212:1234@gateway.com;user=phone"), out u));
        Assert.Equal("+1-212-555-1212", S(u.User));
        Assert.Equal("1234", S(u.Password));
        Assert.Equal("phone", S(u.UserParameter));

        Assert.True(SipUri.TryParse(B("sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com"), out u));
        Assert.True(u.User.IsEmpty);
        Assert.Equal("REGISTER", S(u.TryGetParameter("method"u8, out var method) ? method : default));

        Assert.True(SipUri.TryParse(B("sip:alice;day=tuesday@atlanta.com"), out u));
        Assert.Equal("alice;day=tuesday", S(u.User));
        Assert.Equal("atlanta.com", S(u.Host));
    }

    [Fact]
    public void Sip_uri_with_ipv6_reference_and_port()
    {
        Assert.True(SipUri.TryParse(B("sip:[2001:db8::10]:5070;lr;ob"), out var u));
        Assert.Equal("[2001:db8::10]", S(u.Host));
        Assert.Equal(5070, u.Port);
        Assert.Equal("[2001:db8::10]:5070", S(u.HostPort));
        Assert.True(u.IsLooseRouting);
        Assert.True(u.HasOb);
    }

    [Fact]
    public void Sip_uri_with_escaped_user()
    {
        // RFC 4475 §3.1.1.1 style: escaped characters in the user part stay escaped in the view.
        Assert.True(SipUri.TryParse(B("sip:%61lice%40x@example.com:5060;gr"), out var u));
        Assert.Equal("%61lice%40x", S(u.User));
        Assert.Equal("example.com", S(u.Host));
        Assert.Equal(5060, u.Port);
        Assert.True(u.HasParameter("gr"u8));
    }

    [Fact]
    public void Tel_uri_with_parameters()
    {
        // RFC 3966 §3.
        Assert.True(SipUri.TryParse(B("tel:+1-201-555-0123;ext=1234;phone-context=example.com"), out var u));
        Assert.Equal(SipUriScheme.Tel, u.Kind);
        Assert.Equal("+1-201-555-0123", S(u.User));
        Assert.True(u.TryGetParameter("ext"u8, out var ext));
        Assert.Equal("1234", S(ext));
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:a@")]
    [InlineData("sip:host:port")]
    [InlineData("sip:[::1")]
    [InlineData("nocolon")]
    public void Invalid_uris_are_rejected(string text) => Assert.False(SipUri.TryParse(B(text), out _));

    [Fact]
    public void Www_authenticate_reads_digest_parameters()
    {
        var m = Parse(Unauthorized);
        var n = 0;
        foreach (var c in m.Challenges)
        {
            n++;
            Assert.Equal(SipHeaderName.WwwAuthenticate, c.Header);
            Assert.True(c.IsDigest);
            Assert.Equal("atlanta.com", S(c.Realm));
            Assert.Equal("f84f1cec41e6cbe5aea9c8e88d359", S(c.Nonce));
            Assert.Equal("sip:ss1.carrier.com", S(c.Domain));
            Assert.Equal("", S(c.Opaque));
            Assert.Equal(SipDigestAlgorithm.Sha256, c.AlgorithmKind);
            Assert.False(c.IsStale);
            Assert.Equal("FALSE", S(c.Stale));
            var qop = new List<string>();
            foreach (var q in c.EnumerateQopOptions())
            {
                qop.Add(S(q));
            }

            Assert.Equal(["auth", "auth-int"], qop);
        }

        Assert.Equal(1, n);
    }

    [Theory]
    [InlineData("MD5", SipDigestAlgorithm.Md5)]
    [InlineData("md5-sess", SipDigestAlgorithm.Md5Sess)]
    [InlineData("SHA-256", SipDigestAlgorithm.Sha256)]
    [InlineData("SHA-256-sess", SipDigestAlgorithm.Sha256Sess)]
    [InlineData("SHA-512-256", SipDigestAlgorithm.Sha512256)]
    [InlineData("SHA-512-256-sess", SipDigestAlgorithm.Sha512256Sess)]
    [InlineData("\"SHA-256\"", SipDigestAlgorithm.Sha256)]
    [InlineData("", SipDigestAlgorithm.Unspecified)]
    [InlineData("AKAv1-MD5", SipDigestAlgorithm.Other)]
    public void Digest_algorithms_of_rfc_7616(string value, SipDigestAlgorithm expected) =>
        Assert.Equal(expected, SipDigestAlgorithms.Parse(B(value)));

    [Fact]
    public void Sloppy_challenge_without_spaces_and_unquoted_values_is_read()
    {
        Assert.True(SipChallenge.TryParse(B("Digest realm=example.com,nonce=\"a,b\",qop=auth,stale=true,algorithm=MD5"), SipHeaderName.ProxyAuthenticate, out var c));
        Assert.Equal("example.com", S(c.Realm));
        Assert.Equal("a,b", S(c.Nonce));
        Assert.Equal("auth", S(c.Qop));
        Assert.True(c.IsStale);
        Assert.Equal(SipDigestAlgorithm.Md5, c.AlgorithmKind);
    }

    [Fact]
    public void Challenge_parameter_names_are_case_insensitive()
    {
        Assert.True(SipChallenge.TryParse(B("DIGEST REALM=\"r\", NONCE=\"n\""), SipHeaderName.WwwAuthenticate, out var c));
        Assert.True(c.IsDigest);
        Assert.Equal("r", S(c.Realm));
        Assert.Equal("n", S(c.Nonce));
    }

    [Fact]
    public void Authorization_reads_rfc_2617_credentials()
    {
        // RFC 2617 §3.5 example, adapted to SIP.
        var m = ParseLines("REGISTER sip:x SIP/2.0",
            "Authorization: Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:x\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5",
            "Proxy-Authorization: Digest username=\"p\", realm=\"proxy\"", "", "");
        var seen = new List<SipHeaderName>();
        foreach (var c in m.Credentials)
        {
            seen.Add(c.Header);
            if (c.Header == SipHeaderName.Authorization)
            {
                Assert.Equal("Mufasa", S(c.Username));
                Assert.Equal("testrealm@host.com", S(c.Realm));
                Assert.Equal("dcd98b7102dd2f0e8b11d0f600bfb0c093", S(c.Nonce));
                Assert.Equal("sip:x", S(c.Uri));
                Assert.Equal("auth", S(c.Qop));
                Assert.Equal("00000001", S(c.NonceCount));
                Assert.Equal("0a4f113b", S(c.CNonce));
                Assert.Equal("6629fae49393a05397450978507c4ef1", S(c.Response));
                Assert.Equal("5ccc069c403ebaf9f0171e9517f40e41", S(c.Opaque));
                Assert.Equal(SipDigestAlgorithm.Md5, c.AlgorithmKind);
            }
            else
            {
                Assert.Equal("p", S(c.Username));
            }
        }

        Assert.Equal([SipHeaderName.Authorization, SipHeaderName.ProxyAuthorization], seen);
    }

    [Fact]
    public void Authentication_info_reads_nextnonce_and_rspauth()
    {
        var m = Parse(Ok);
        Assert.True(m.TryGetAuthenticationInfo(out var info));
        Assert.Equal("47364c23432d2e131a5fb210812c", S(info.NextNonce));
        Assert.Equal("auth", S(info.Qop));
        Assert.Equal("6629fae49393a05397450978507c4ef1", S(info.RspAuth));
        Assert.Equal("0a4f113b", S(info.CNonce));
        Assert.Equal("00000001", S(info.NonceCount));
    }

    [Fact]
    public void Path_and_service_route_are_read_in_order()
    {
        var m = Parse(Ok);
        foreach (var p in m.Path)
        {
            Assert.True(p.TryGetUri(out var u));
            Assert.True(u.IsLooseRouting);
            Assert.True(u.HasOb);
        }

        foreach (var r in m.ServiceRoute)
        {
            Assert.Equal("sip:orig@scscf.biloxi.com;lr", S(r.Uri));
        }

        Assert.Equal(["outbound"], Values(m.GetOptionTags(SipHeaderName.Require)));
        Assert.Equal(["path", "outbound", "gruu"], Values(m.GetOptionTags(SipHeaderName.Supported)));
    }

    [Fact]
    public void Retry_after_with_comment_and_duration()
    {
        // RFC 3261 §20.33 example.
        Assert.True(SipRetryAfter.TryParse(B("18000;duration=3600"), out var r));
        Assert.Equal(18000u, r.DeltaSeconds);
        Assert.True(r.TryGetDuration(out var d));
        Assert.Equal(3600u, d);
        Assert.True(SipRetryAfter.TryParse(B("120 (I'm in a meeting (really))"), out r));
        Assert.Equal(120u, r.DeltaSeconds);
        Assert.Equal("I'm in a meeting (really)", S(r.Comment));
        Assert.False(SipRetryAfter.TryParse(B("soon"), out _));
    }

    [Fact]
    public void Warning_reads_code_agent_and_text()
    {
        // RFC 3261 §20.43 example.
        Assert.True(SipWarning.TryParse(B("307 isi.edu \"Session parameter 'foo' not understood\""), out var w));
        Assert.Equal(307, w.Code);
        Assert.Equal("isi.edu", S(w.Agent));
        Assert.Equal("Session parameter 'foo' not understood", S(w.Text));
    }

    [Fact]
    public void Reason_reads_protocol_cause_and_text()
    {
        // RFC 3326 §2 example.
        Assert.True(SipReason.TryParse(B("SIP ;cause=200 ;text=\"Call completed elsewhere\""), out var r));
        Assert.Equal("SIP", S(r.Protocol));
        Assert.Equal(200, r.Cause);
        Assert.Equal("Call completed elsewhere", S(r.Text));
    }

    [Fact]
    public void Content_type_reads_media_type_and_parameters()
    {
        Assert.True(SipContentType.TryParse(B("multipart/mixed ; boundary=unique-boundary-1"), out var c));
        Assert.Equal("multipart", S(c.Type));
        Assert.Equal("mixed", S(c.Subtype));
        Assert.Equal(" boundary=unique-boundary-1", S(c.Parameters));
    }

    [Fact]
    public void User_agent_and_server_are_raw_values()
    {
        var m = ParseLines("SIP/2.0 200 OK", "Server: kamailio (5.6.4 (x86_64/linux))", "User-Agent: sipp", "", "");
        Assert.Equal("kamailio (5.6.4 (x86_64/linux))", S(m.Server));
        Assert.Equal("sipp", S(m.UserAgent));
    }

    [Fact]
    public void Parameters_with_quoted_semicolons_are_split_correctly()
    {
        var values = new List<string>();
        foreach (var p in new SipParameterEnumerator(B(";a=\"x;y\";b;c=3"), (byte)';'))
        {
            values.Add(S(p.Name) + "|" + (p.HasValue ? S(p.Value) : "-"));
        }

        Assert.Equal(["a|x;y", "b|-", "c|3"], values);
    }
}
