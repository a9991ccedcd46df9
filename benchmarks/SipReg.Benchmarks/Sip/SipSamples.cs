using System.Text;

namespace SipReg.Benchmarks.Sip;

/// <summary>
/// Realistic registration messages (500-900 bytes, as a desk phone and a registrar write them), written here rather
/// than taken from the generator so the parser benchmarks also build against an older SipReg.Sip package.
/// </summary>
public static class SipSamples
{
    /// <summary>The message names the benchmarks take as a parameter.</summary>
    public static IEnumerable<string> Names => ["REGISTER", "401", "200 OK"];

    /// <summary>The bytes of a sample (CRLF line ends).</summary>
    public static byte[] Get(string name) => Encoding.ASCII.GetBytes((name switch
    {
        "REGISTER" => Register,
        "401" => Unauthorized,
        "200 OK" => Ok,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown sample."),
    }).ReplaceLineEndings("\r\n"));

    private const string Register = """
        REGISTER sip:sipreg.test SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK3f9a1c2e7d4b5a60;rport
        Max-Forwards: 70
        From: "Alice Smith" <sip:1001@sipreg.test>;tag=8c2f1e9a04b7d3
        To: <sip:1001@sipreg.test>
        Call-ID: 5b1c9e4f2a7d8e30@192.168.1.23
        CSeq: 2 REGISTER
        Contact: <sip:1001@192.168.1.23:5060;transport=udp>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-0015651a2b3c>";reg-id=1;expires=600
        Authorization: Digest username="1001", realm="sipreg.test", nonce="a3f1c9e27b4d5068a3f1c9e27b4d5068", uri="sip:sipreg.test", response="6629fae49393a05397450978507c4ef1", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001
        Expires: 600
        Allow: INVITE, ACK, CANCEL, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, OPTIONS, UPDATE, PRACK
        Supported: replaces, path, gruu, outbound
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Content-Length: 0


        """;

    private const string Unauthorized = """
        SIP/2.0 401 Unauthorized
        Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK3f9a1c2e7d4b5a5f;rport=5060;received=203.0.113.23
        From: "Alice Smith" <sip:1001@sipreg.test>;tag=8c2f1e9a04b7d3
        To: <sip:1001@sipreg.test>;tag=as6d2f8a11
        Call-ID: 5b1c9e4f2a7d8e30@192.168.1.23
        CSeq: 1 REGISTER
        WWW-Authenticate: Digest realm="sipreg.test", nonce="a3f1c9e27b4d5068a3f1c9e27b4d5068", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=MD5, qop="auth"
        Server: SipReg Registrar 1.0
        Allow: INVITE, ACK, CANCEL, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, OPTIONS, UPDATE, PRACK
        Supported: replaces, path, gruu, outbound
        Date: Sat, 21 Nov 2026 05:00:00 GMT
        Content-Length: 0


        """;

    private const string Ok = """
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK3f9a1c2e7d4b5a60;rport=5060;received=203.0.113.23
        From: "Alice Smith" <sip:1001@sipreg.test>;tag=8c2f1e9a04b7d3
        To: <sip:1001@sipreg.test>;tag=as6d2f8a11
        Call-ID: 5b1c9e4f2a7d8e30@192.168.1.23
        CSeq: 2 REGISTER
        Contact: <sip:1001@192.168.1.23:5060;transport=udp>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-0015651a2b3c>";reg-id=1;expires=600
        Contact: <sip:1001@192.168.1.24:5060;transport=udp>;expires=412;q=0.8
        Contact: <sip:1001@10.0.0.7:5062;transport=tcp;ob>;expires=97;q=0.5, <sip:1001@198.51.100.77:5060>;expires=3
        Service-Route: <sip:orig@registrar.sipreg.test;lr>
        Path: <sip:edge1.sipreg.test;lr;ob>
        Expires: 600
        Server: SipReg Registrar 1.0
        Date: Sat, 21 Nov 2026 05:00:00 GMT
        Content-Length: 0


        """;
}
