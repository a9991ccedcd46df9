using System.Text;
using SipReg.Analysis.Redaction;

namespace SipReg.Analysis.Tests.Redaction;

/// <summary>Payload masking cases met in public captures, each kept to what it proves.</summary>
public sealed class PayloadMaskingTests
{
    private static readonly byte[] s_key = [0x42];

    [Fact]
    public void Replaces_in_a_Refer_To_uri_masks_the_call_id_and_both_tags_like_the_headers_do()
    {
        var masker = new TokenMasker(s_key);
        var text = Redact(masker,
            "REFER sip:bob@carrier.net SIP/2.0\r\n" +
            "Call-ID: abc123xyz@carrier.net\r\n" +
            "From: <sip:alice@carrier.net>;tag=fromtag77\r\n" +
            "Refer-To: <sip:carol@carrier.net?Replaces=abc123xyz%40carrier.net%3Bto-tag%3Dtotag88%3Bfrom-tag%3Dfromtag77>\r\n" +
            "Record-Route: <sip:carrier.net;lr;ftag=fromtag77>\r\n" +
            "Content-Length: 0\r\n\r\n");
        var callId = masker.MaskToken("abc123xyz");
        var tag = masker.MaskToken("fromtag77");
        Assert.Contains($"Replaces={callId}%40", text, StringComparison.Ordinal);
        Assert.Contains($"%3Bfrom-tag%3D{tag}>", text, StringComparison.Ordinal);
        Assert.Contains($"ftag={tag}>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("totag88", text, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_quotes_around_a_display_name_do_not_hide_the_uri_or_the_tag()
    {
        var text = Redact(new TokenMasker(s_key),
            "INVITE sip:9723@voip.brujula.net SIP/2.0\r\nf: \\\"arik\\\" <sip:816666@voip.brujula.net>;tag=6433ef9\r\nContent-Length: 0\r\n\r\n");
        Assert.DoesNotContain("6433ef9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("816666", text, StringComparison.Ordinal);
        Assert.DoesNotContain("brujula", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_literals_keep_their_text_length_and_match_the_binary_mapping()
    {
        var masker = new TokenMasker(s_key);
        var addresses = new AddressMapper(s_key);
        const string message = "REGISTER sip:[2001:DB8:0:12::5]:5060 SIP/2.0\r\nVia: SIP/2.0/UDP [2a02:8109:9d40::1a2b];received=2a02:8109:9d40::1a2b\r\n" +
            "Content-Length: 0\r\n\r\n";
        var bytes = Encoding.ASCII.GetBytes(message);
        new SipTextRedactor(masker, addresses).Redact(bytes, 0, bytes.Length);
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Equal(message.Length, text.Length);
        Assert.DoesNotContain("9d40::1a2b", text, StringComparison.Ordinal);
        var mapped = addresses.MapText("2a02:8109:9d40::1a2b");
        Assert.Contains("[" + mapped + "];received=" + mapped, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dns_names_and_answers_use_the_sip_mappings()
    {
        var masker = new TokenMasker(s_key);
        var addresses = new AddressMapper(s_key);
        var dns = new List<byte> { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0 };
        dns.AddRange(Name("_sip._udp.carrier.net"));
        dns.AddRange(new byte[] { 0, 33, 0, 1 });

        // SRV answer (owner compressed to the question), target sip1.carrier.net, then its A record.
        dns.AddRange(new byte[] { 0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 60 });
        var target = Name("sip1.carrier.net");
        dns.AddRange(new byte[] { 0, (byte)(6 + target.Length), 0, 10, 0, 20, 0x13, 0xC4 });
        var targetOffset = dns.Count;
        dns.AddRange(target);
        dns.AddRange(new byte[] { 0xC0, (byte)targetOffset, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 81, 2, 69, 160 });
        var bytes = dns.ToArray();

        Assert.True(new DnsRedactor(masker, addresses).Redact(bytes));
        var text = Encoding.ASCII.GetString(bytes);
        var host = masker.MaskHost("sip1.carrier.net").Split('.');
        Assert.Contains("\u0004_sip\u0004_udp\u0007" + host[1] + "\u0003" + host[2], text, StringComparison.Ordinal);
        Assert.Contains("\u0004" + host[0] + "\u0007" + host[1], text, StringComparison.Ordinal);
        var a = (uint)(bytes[^4] << 24 | bytes[^3] << 16 | bytes[^2] << 8 | bytes[^1]);
        Assert.Equal(addresses.Map(0x510245A0u), a);
        Assert.DoesNotContain("carrier", text, StringComparison.Ordinal);
    }

    private static string Redact(TokenMasker masker, string message)
    {
        var bytes = Encoding.ASCII.GetBytes(message);
        new SipTextRedactor(masker, new AddressMapper(s_key)).Redact(bytes, 0, bytes.Length);
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Equal(message.Length, text.Length);
        return text;
    }

    private static byte[] Name(string name)
    {
        var result = new List<byte>();
        foreach (var label in name.Split('.'))
        {
            result.Add((byte)label.Length);
            result.AddRange(Encoding.ASCII.GetBytes(label));
        }

        result.Add(0);
        return result.ToArray();
    }
}
