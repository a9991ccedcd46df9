using System.Text;

namespace SipReg.Sip.Tests;

/// <summary>Builds messages from lines and reads spans back as strings for assertions.</summary>
internal static class TestText
{
    public static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

    public static SipMessage Parse(string text, SipTransportKind transport = SipTransportKind.Datagram, SipParserOptions options = default)
    {
        var m = new SipMessage(options);
        m.Parse(Encoding.UTF8.GetBytes(text), transport);
        return m;
    }

    public static SipMessage ParseLines(params string[] lines) => Parse(string.Join("\r\n", lines));

    public static string S(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    public static ReadOnlySpan<byte> B(string s) => Encoding.UTF8.GetBytes(s);

    public static List<string> Values(SipHeaderValueEnumerator e)
    {
        var list = new List<string>();
        foreach (var v in e)
        {
            list.Add(S(v));
        }

        return list;
    }

    public static List<SipDiagnosticCode> Codes(SipMessage m)
    {
        var list = new List<SipDiagnosticCode>();
        foreach (var d in m.Diagnostics)
        {
            list.Add(d.Code);
        }

        return list;
    }

    /// <summary>RFC 3261 §24.1-style REGISTER, written for these tests.</summary>
    public const string Register =
        "REGISTER sip:registrar.biloxi.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.com>\r\n" +
        "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.4;transport=udp;ob>;expires=7200;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1\r\n" +
        "Expires: 3600\r\n" +
        "Supported: path, outbound, gruu\r\n" +
        "Content-Length: 0\r\n\r\n";

    public const string Unauthorized =
        "SIP/2.0 401 Unauthorized\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;received=192.0.2.4;rport=5062\r\n" +
        "To: Bob <sip:bob@biloxi.com>;tag=2493k59kd\r\n" +
        "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "WWW-Authenticate: Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth,auth-int\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=SHA-256\r\n" +
        "Content-Length: 0\r\n\r\n";

    public const string Ok =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;received=192.0.2.4;rport=5062\r\n" +
        "To: Bob <sip:bob@biloxi.com>;tag=2493k59kd\r\n" +
        "From: Bob <sip:bob@biloxi.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1827 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.4;transport=udp;ob>;expires=3600;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1;pub-gruu=\"sip:bob@biloxi.com;gr=urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF\";temp-gruu=\"sip:tgruu.7hs==jd7vnzga5w7fajsc7-ajd6fabz0f8g5@biloxi.com;gr\"\r\n" +
        "Path: <sip:edge.biloxi.com;lr;ob>\r\n" +
        "Service-Route: <sip:orig@scscf.biloxi.com;lr>\r\n" +
        "Require: outbound\r\n" +
        "Supported: path, outbound, gruu\r\n" +
        "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", nc=00000001\r\n" +
        "Content-Length: 0\r\n\r\n";
}
