using System.Text;
using static SipReg.Sip.Tests.TestText;

namespace SipReg.Sip.Tests;

/// <summary>Unusual but valid messages, written for these tests in the spirit of RFC 4475 (SIP torture tests).</summary>
public class TortureTests
{
    [Fact]
    public void Wide_range_of_valid_characters_and_white_space()
    {
        // Like RFC 4475 §3.1.1.1: LWS everywhere it is allowed, folding, escapes in quoted strings and the URI.
        var m = Parse(
            "REGISTER sip:%61lice;par=u%40example.net@example.com SIP/2.0\r\n" +
            "TO :\r\n sip:alice@example.com ;   tag = 1918181833n\r\n" +
            "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n  ;\r\n  tag = 98asjd8\r\n" +
            "MaX-fOrWaRdS: 0068\r\n" +
            "Call-ID: wsinv.ndaksdj@192.0.2.1\r\n" +
            "Content-Length   : 0000\r\n" +
            "cseq: 0009\r\n  REGISTER\r\n" +
            "Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.2;rport;branch=390skdjuw\r\n" +
            "s :\r\n" +
            "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\n" +
            "UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n" +
            "m: \"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33\r\n" +
            "\r\n");
        Assert.Empty(m.Diagnostics.ToArray());
        Assert.Equal("sip:%61lice;par=u%40example.net@example.com", S(m.RequestUri));
        Assert.True(SipUri.TryParse(m.RequestUri, out var ruri));
        Assert.Equal("%61lice;par=u%40example.net", S(ruri.User));
        Assert.Equal("example.com", S(ruri.Host));
        Assert.True(m.TryGetTo(out var to));
        Assert.Equal("sip:alice@example.com", S(to.Uri));
        Assert.Equal("1918181833n", S(to.Tag));
        Assert.True(m.TryGetFrom(out var from));
        Assert.Equal("J Rosenberg \\\"", SipText.GetUnescapedString(from.DisplayName));
        Assert.Equal("98asjd8", S(from.Tag));
        Assert.True(m.TryGetCSeq(out var cseq));
        Assert.Equal(9u, cseq.Number);
        Assert.Equal("REGISTER", S(cseq.Method));
        foreach (var via in m.Vias)
        {
            Assert.Equal("UDP", S(via.Transport));
            Assert.Equal("192.0.2.2", S(via.Host));
            Assert.Equal("390skdjuw", S(via.Branch));
            Assert.True(via.HasRPort);
        }

        Assert.True(m.TryGetHeader(SipHeaderName.Subject, out var subject));
        Assert.True(subject.IsEmpty);
        foreach (var c in m.Contacts)
        {
            Assert.Equal("Quoted string \"\"", SipText.GetUnescapedString(c.Address.DisplayName));
            Assert.True(c.TryGetQ(out var q));
            Assert.Equal(330, q);
            Assert.True(c.Address.TryGetParameter("newparam"u8, out var np));
            Assert.Equal("newvalue", S(np));
            Assert.True(c.Address.HasParameter("secondparam"u8));
        }

        Assert.True(m.TryGetContentLength(out var cl));
        Assert.Equal(0, cl);
    }

    [Fact]
    public void Folded_contact_with_escaped_quote_and_comma_in_the_third_display_name_gives_three_contacts()
    {
        // RFC 3261 §7.3.1: the continuation lines belong to the Contact field, and a comma inside a quoted-string
        // (with a quoted-pair \" before it, §25.1) does not separate values. tshark 4.0 reads only the first two
        // Contacts of such a line (corpus README); the RFC grammar gives three.
        var m = ParseLines(
            "REGISTER sip:corpus.test SIP/2.0",
            "Contact: <sip:alice@192.0.2.10:5081>;expires=120,",
            " <sip:alice@192.0.2.10:5082>;q=0.5,",
            " \"Alice \\\"The Boss\\\", Inc\" <sip:alice@192.0.2.10:5083>;expires=60",
            "Content-Length: 0",
            "",
            "");
        var uris = new List<string>();
        var names = new List<string>();
        foreach (var c in m.Contacts)
        {
            uris.Add(S(c.Uri));
            names.Add(SipText.GetUnescapedString(c.Address.DisplayName));
        }

        Assert.Equal(["sip:alice@192.0.2.10:5081", "sip:alice@192.0.2.10:5082", "sip:alice@192.0.2.10:5083"], uris);
        Assert.Equal("Alice \"The Boss\", Inc", names[2]);
    }

    [Fact]
    public void Addr_spec_to_with_tag_and_unknown_uri_scheme_contact()
    {
        // RFC 3261 §20.10: a Contact may carry any absolute URI (here mailto:).
        var m = ParseLines("REGISTER sip:x SIP/2.0", "To: sip:bob@example.com;tag=abc", "Contact: <mailto:bob@example.com>;expires=0", "", "");
        Assert.True(m.TryGetTo(out var to));
        Assert.Equal("abc", S(to.Tag));
        foreach (var c in m.Contacts)
        {
            Assert.True(c.Address.TryGetUri(out var u));
            Assert.Equal(SipUriScheme.Other, u.Kind);
            Assert.Equal("mailto", S(u.Scheme));
        }
    }

    [Fact]
    public void Ipv6_everywhere()
    {
        var m = ParseLines(
            "REGISTER sip:[2001:db8::10] SIP/2.0",
            "Via: SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111;received=2001:db8::9:255;rport=6051",
            "Contact: \"Caller\" <sip:caller@[2001:db8::9:1]:6050;transport=udp>",
            "",
            "");
        Assert.True(SipUri.TryParse(m.RequestUri, out var ruri));
        Assert.Equal("[2001:db8::10]", S(ruri.Host));
        foreach (var via in m.Vias)
        {
            Assert.Equal("[2001:db8::9:1]", S(via.Host));
            Assert.Equal(6050, via.Port);
            Assert.Equal("2001:db8::9:255", S(via.Received));
            Assert.Equal(6051, via.RPort);
        }

        foreach (var c in m.Contacts)
        {
            Assert.True(c.Address.TryGetUri(out var u));
            Assert.Equal("[2001:db8::9:1]", S(u.Host));
            Assert.Equal(6050, u.Port);
        }
    }

    [Fact]
    public void Utf8_reason_phrase_and_display_name()
    {
        var m = Parse("SIP/2.0 200 Ça marche\r\nFrom: \"Zoë\" <sip:zoe@example.com>;tag=1\r\n\r\n");
        Assert.Equal("Ça marche", S(m.ReasonPhrase));
        Assert.True(m.TryGetFrom(out var from));
        Assert.Equal("Zoë", Encoding.UTF8.GetString(from.DisplayName));
    }

    [Fact]
    public void Many_vias_in_one_and_many_fields()
    {
        var sb = new StringBuilder("SIP/2.0 200 OK\r\nVia: ");
        for (var i = 0; i < 20; i++)
        {
            sb.Append(i == 0 ? "" : i % 5 == 0 ? "\r\nVia: " : " , ").Append($"SIP/2.0/UDP h{i}.example.com;branch=z9hG4bK{i}");
        }

        sb.Append("\r\n\r\n");
        var m = Parse(sb.ToString());
        var n = 0;
        foreach (var via in m.Vias)
        {
            Assert.Equal($"z9hG4bK{n}", S(via.Branch));
            n++;
        }

        Assert.Equal(20, n);
    }

    [Fact]
    public void Empty_list_elements_are_skipped()
    {
        var m = ParseLines("REGISTER sip:x SIP/2.0", "Supported: , path,,outbound ,", "", "");
        Assert.Equal(["path", "outbound"], Values(m.GetOptionTags(SipHeaderName.Supported)));
    }

    [Fact]
    public void Request_line_with_unknown_method_and_sips_uri()
    {
        // RFC 3261 §7.1: Method = INVITEm / ... / extension-method (a token).
        var m = ParseLines("NEWMETHOD-1.x sips:user@example.com;transport=tls SIP/2.0", "Call-ID: u", "", "");
        Assert.Equal("NEWMETHOD-1.x", S(m.Method));
        Assert.True(SipUri.TryParse(m.RequestUri, out var u));
        Assert.Equal(SipUriScheme.Sips, u.Kind);
    }

    [Theory]
    [InlineData("REGISTER sip:x SIP/2.0 extra\r\n\r\n")]
    [InlineData("REGISTER  SIP/2.0\r\n\r\n")]
    [InlineData("SIP/2.0 99 Too small\r\n\r\n")]
    [InlineData("SIP/2.0 2000 OK\r\n\r\n")]
    [InlineData("SIP/X.0 200 OK\r\n\r\n")]
    public void Malformed_start_lines_are_not_messages(string text)
    {
        var m = Parse(text);
        Assert.Equal(SipMessageKind.Invalid, m.Kind);
        Assert.Contains(SipDiagnosticCode.NoStartLine, Codes(m));
    }

    [Fact]
    public async Task Junk_capture_from_zeek_parses_after_the_junk()
    {
        // public/sip__zeek__sip-junk-before-request.pcap (zeek test trace): junk bytes, then a REGISTER.
        var (messages, _) = await CorpusSipReader.ReadAsync(SipReg.Testing.Corpus.PathOf("public/sip__zeek__sip-junk-before-request.pcap"));
        var only = Assert.Single(messages);
        Assert.Equal(2, only.Frame);
        Assert.Equal("REGISTER", (string?)only.Fields["method"]);
        Assert.Equal(3600u, (uint?)only.Fields["expires"]);
    }
}
