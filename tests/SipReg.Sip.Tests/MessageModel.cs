using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SipReg.Sip.Tests;

/// <summary>A REGISTER-flavoured message model, rendered to SIP text in many equivalent ways and read back.</summary>
internal sealed record MessageModel(
    bool IsRequest,
    string Method,
    int Status,
    List<ViaModel> Vias,
    AddressModel From,
    AddressModel To,
    string CallId,
    uint CSeq,
    List<ContactModel> Contacts,
    uint? Expires,
    List<string> Path,
    List<string> ServiceRoute,
    ChallengeModel? Challenge,
    CredentialsModel? Credentials,
    List<string> Supported,
    uint? MinExpires,
    string Body)
{
    public string Canonical() => JsonSerializer.Serialize(this);
}

internal sealed record ViaModel(string Transport, string Host, int Port, string Branch, bool RPort, int RPortValue);

internal sealed record AddressModel(string? DisplayName, bool Quoted, string Uri, string? Tag);

internal sealed record ContactModel(string? DisplayName, string Uri, uint? Expires, int? Q, string? Instance, uint? RegId);

internal sealed record ChallengeModel(bool Proxy, string Realm, string Nonce, string Qop, bool Stale, string Algorithm);

internal sealed record CredentialsModel(bool Proxy, string Username, string Realm, string Nonce, string Uri, string Response, string NonceCount);

/// <summary>Generates models and renders them with random but RFC 3261-equivalent syntax.</summary>
internal sealed class MessageRenderer(Random random)
{
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    private readonly Random _r = random;

    private bool Coin => _r.Next(2) == 0;

    private string Token(int min = 1, int max = 10)
    {
        var n = _r.Next(min, max + 1);
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            sb.Append(TokenAlphabet[_r.Next(TokenAlphabet.Length)]);
        }

        return sb.ToString();
    }

    private string Alnum(int min = 1, int max = 10)
    {
        const string a = "abcdefghijklmnopqrstuvwxyz0123456789";
        var n = _r.Next(min, max + 1);
        var sb = new StringBuilder(n);
        for (var i = 0; i < n; i++)
        {
            sb.Append(a[_r.Next(a.Length)]);
        }

        return sb.ToString();
    }

    private string Host() => _r.Next(3) switch
    {
        0 => $"{_r.Next(1, 255)}.{_r.Next(256)}.{_r.Next(256)}.{_r.Next(1, 255)}",
        1 => $"[2001:db8::{_r.Next(1, 0xffff):x}]",
        _ => $"{Alnum(1, 8)}.example.com",
    };

    private string SipUri() => $"sip:{(Coin ? Alnum(1, 8) + "@" : "")}{Host()}{(Coin ? ":" + _r.Next(1, 65536) : "")}{(Coin ? ";transport=" + (Coin ? "tcp" : "udp") : "")}{(Coin ? ";lr" : "")}";

    private string DisplayText()
    {
        const string a = "ab Z,;<>\"\\:=@";
        var n = _r.Next(1, 12);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append(a[_r.Next(a.Length)]);
        }

        return sb.ToString().Trim() is { Length: > 0 } t ? t : "x";
    }

    public MessageModel NextModel()
    {
        var isRequest = Coin;
        var vias = new List<ViaModel>();
        for (int i = 0, n = _r.Next(1, 4); i < n; i++)
        {
            var rport = Coin;
            vias.Add(new ViaModel(_r.Next(3) switch { 0 => "UDP", 1 => "TCP", _ => "TLS" }, Host(), Coin ? _r.Next(1, 65536) : -1, "z9hG4bK" + Token(), rport, rport && Coin ? _r.Next(1, 65536) : -1));
        }

        var contacts = new List<ContactModel>();
        for (int i = 0, n = _r.Next(0, 4); i < n; i++)
        {
            contacts.Add(new ContactModel(
                Coin ? DisplayText() : null,
                SipUri(),
                Coin ? (uint)_r.NextInt64(0, uint.MaxValue) : null,
                Coin ? _r.Next(0, 1001) : null,
                Coin ? $"<urn:uuid:{Guid.NewGuid()}>" : null,
                Coin ? (uint)_r.Next(1, 10) : null));
        }

        var path = new List<string>();
        for (int i = 0, n = _r.Next(0, 3); i < n; i++)
        {
            path.Add(SipUri());
        }

        var serviceRoute = new List<string>();
        for (int i = 0, n = _r.Next(0, 3); i < n; i++)
        {
            serviceRoute.Add(SipUri());
        }

        var quotedFrom = Coin;
        return new MessageModel(
            isRequest,
            isRequest ? (Coin ? "REGISTER" : Token(3, 9).ToUpperInvariant()) : "",
            isRequest ? 0 : _r.Next(100, 700),
            vias,
            Coin ? new AddressModel(quotedFrom ? DisplayText() : Alnum(1, 6), quotedFrom, SipUri(), Token()) : new AddressModel(null, false, SipUri(), Token()),
            new AddressModel(null, false, SipUri(), Coin ? Token() : null),
            Token(4, 20) + (Coin ? "@" + Host() : ""),
            (uint)_r.NextInt64(0, uint.MaxValue),
            contacts,
            Coin ? (uint)_r.NextInt64(0, 100000) : null,
            path,
            serviceRoute,
            Coin ? new ChallengeModel(Coin, Alnum(3, 10) + ".test", Token(8, 30), Coin ? "auth" : "auth,auth-int", Coin, Coin ? "MD5" : "SHA-256") : null,
            Coin ? new CredentialsModel(Coin, Alnum(1, 8), Alnum(3, 10), Token(8, 30), "sip:" + Alnum(3, 8), Alnum(32, 32), "0000000" + _r.Next(1, 10)) : null,
            Enumerable.Range(0, _r.Next(0, 4)).Select(_ => Token(2, 8)).ToList(),
            Coin ? (uint)_r.NextInt64(0, uint.MaxValue) : null,
            Coin ? Alnum(0, 200) : "");
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string RandomCase(string name)
    {
        if (_r.Next(3) != 0)
        {
            return name;
        }

        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(Coin ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>Linear white space, sometimes folded onto the next line (RFC 3261 §7.3.1).</summary>
    private string Lws(bool required = false)
    {
        return _r.Next(6) switch
        {
            0 => "\r\n ",
            1 => "\r\n\t ",
            2 => "  ",
            3 => "\t",
            _ => required ? " " : (Coin ? " " : ""),
        };
    }

    private string Name(string full, char compact) => compact != '\0' && Coin ? (Coin ? compact.ToString() : char.ToUpperInvariant(compact).ToString()) : RandomCase(full);

    private string Colon() => _r.Next(4) switch { 0 => " : ", 1 => "\t:", 2 => ":", _ => ": " };

    private string Comma() => Lws() + "," + Lws();

    private string Semi() => _r.Next(4) == 0 ? Lws() + ";" + Lws() : ";";

    private void List(StringBuilder sb, string full, char compact, List<string> values)
    {
        var i = 0;
        while (i < values.Count)
        {
            var take = _r.Next(1, values.Count - i + 1);
            sb.Append(Name(full, compact)).Append(Colon());
            for (var k = 0; k < take; k++)
            {
                if (k > 0)
                {
                    sb.Append(Comma());
                }

                sb.Append(values[i + k]);
            }

            sb.Append("\r\n");
            i += take;
        }
    }

    private string Address(AddressModel a)
    {
        var display = a.DisplayName is null ? "" : (a.Quoted ? Quote(a.DisplayName) : a.DisplayName) + Lws(required: false);
        return $"{display}<{a.Uri}>{(a.Tag is null ? "" : Semi() + "tag=" + a.Tag)}";
    }

    public string Render(MessageModel m, bool contentLength = true)
    {
        var sb = new StringBuilder();
        sb.Append(m.IsRequest ? $"{m.Method} sip:registrar.example.com SIP/2.0\r\n" : $"SIP/2.0 {m.Status} Some Reason\r\n");
        var headers = new List<Action>();
        var vias = m.Vias.Select(v =>
            $"SIP{Lws()}/{Lws()}2.0{Lws()}/{Lws()}{v.Transport}{Lws(required: true)}{v.Host}{(v.Port >= 0 ? ":" + v.Port.ToString(CultureInfo.InvariantCulture) : "")}{Semi()}branch={v.Branch}{(v.RPort ? Semi() + "rport" + (v.RPortValue >= 0 ? "=" + v.RPortValue.ToString(CultureInfo.InvariantCulture) : "") : "")}").ToList();
        List(sb, "Via", 'v', vias);
        headers.Add(() => sb.Append(Name("From", 'f')).Append(Colon()).Append(Address(m.From)).Append("\r\n"));
        headers.Add(() => sb.Append(Name("To", 't')).Append(Colon()).Append(Address(m.To)).Append("\r\n"));
        headers.Add(() => sb.Append(Name("Call-ID", 'i')).Append(Colon()).Append(m.CallId).Append("\r\n"));
        headers.Add(() => sb.Append(RandomCase("CSeq")).Append(Colon()).Append(m.CSeq.ToString(CultureInfo.InvariantCulture)).Append(Lws(required: true)).Append(m.IsRequest ? m.Method : "REGISTER").Append("\r\n"));
        headers.Add(() => List(sb, "Contact", 'm', m.Contacts.Select(c =>
        {
            var s = new StringBuilder();
            if (c.DisplayName is not null)
            {
                s.Append(Quote(c.DisplayName)).Append(Lws());
            }

            s.Append('<').Append(c.Uri).Append('>');
            if (c.Expires is { } e)
            {
                s.Append(Semi()).Append("expires=").Append(e.ToString(CultureInfo.InvariantCulture));
            }

            if (c.Q is { } q)
            {
                s.Append(Semi()).Append("q=").Append(q == 1000 ? "1" : "0." + q.ToString("000", CultureInfo.InvariantCulture));
            }

            if (c.Instance is not null)
            {
                s.Append(Semi()).Append("+sip.instance=").Append(Quote(c.Instance));
            }

            if (c.RegId is { } r)
            {
                s.Append(Semi()).Append("reg-id=").Append(r.ToString(CultureInfo.InvariantCulture));
            }

            return s.ToString();
        }).ToList()));
        if (m.Expires is { } expires)
        {
            headers.Add(() => sb.Append(RandomCase("Expires")).Append(Colon()).Append(expires.ToString(CultureInfo.InvariantCulture)).Append("\r\n"));
        }

        headers.Add(() => List(sb, "Path", '\0', m.Path.Select(p => $"<{p}>").ToList()));
        headers.Add(() => List(sb, "Supported", 'k', m.Supported));
        if (m.MinExpires is { } minExpires)
        {
            headers.Add(() => sb.Append(RandomCase("Min-Expires")).Append(Colon()).Append(minExpires.ToString(CultureInfo.InvariantCulture)).Append("\r\n"));
        }

        headers.Add(() => List(sb, "Service-Route", '\0', m.ServiceRoute.Select(p => $"<{p}>").ToList()));
        if (m.Challenge is { } ch)
        {
            headers.Add(() => sb.Append(RandomCase(ch.Proxy ? "Proxy-Authenticate" : "WWW-Authenticate")).Append(Colon())
                .Append(Coin ? "Digest" : "digest").Append(Lws(required: true))
                .Append(RandomCase("realm")).Append('=').Append(Quote(ch.Realm)).Append(Comma())
                .Append("nonce=").Append(Quote(ch.Nonce)).Append(Comma())
                .Append("qop=").Append(Quote(ch.Qop)).Append(Comma())
                .Append("algorithm=").Append(ch.Algorithm)
                .Append(ch.Stale ? Comma() + "stale=" + (Coin ? "TRUE" : "true") : "")
                .Append("\r\n"));
        }

        if (m.Credentials is { } cr)
        {
            headers.Add(() => sb.Append(RandomCase(cr.Proxy ? "Proxy-Authorization" : "Authorization")).Append(Colon()).Append("Digest ")
                .Append("username=").Append(Quote(cr.Username)).Append(Comma())
                .Append("realm=").Append(Quote(cr.Realm)).Append(Comma())
                .Append("nonce=").Append(Quote(cr.Nonce)).Append(Comma())
                .Append("uri=").Append(Quote(cr.Uri)).Append(Comma())
                .Append("response=").Append(Quote(cr.Response)).Append(Comma())
                .Append("nc=").Append(cr.NonceCount).Append(Comma()).Append("qop=auth")
                .Append("\r\n"));
        }

        // Header order is free (RFC 3261 §7.3.1) except among fields of the same name, which each render keeps.
        foreach (var h in headers.OrderBy(_ => _r.Next()))
        {
            h();
        }

        var body = Encoding.UTF8.GetBytes(m.Body);
        if (contentLength || body.Length > 0)
        {
            sb.Append(Name("Content-Length", 'l')).Append(Colon()).Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        sb.Append("\r\n").Append(m.Body);
        return sb.ToString();
    }

    /// <summary>Reads a parsed message back into the model, with the typed readers.</summary>
    public static MessageModel Read(SipMessage msg)
    {
        static string S(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);
        var vias = new List<ViaModel>();
        foreach (var v in msg.Vias)
        {
            vias.Add(new ViaModel(S(v.Transport), S(v.Host), v.Port, S(v.Branch), v.HasRPort, v.RPort));
        }

        Assert.True(msg.TryGetFrom(out var from));
        Assert.True(msg.TryGetTo(out var to));
        Assert.True(msg.TryGetCSeq(out var cseq));
        var contacts = new List<ContactModel>();
        foreach (var c in msg.Contacts)
        {
            contacts.Add(new ContactModel(
                c.Address.DisplayName.IsEmpty ? null : SipText.GetUnescapedString(c.Address.DisplayName),
                S(c.Uri),
                c.TryGetExpires(out var e) ? e : null,
                c.TryGetQ(out var q) ? q : null,
                c.InstanceId.IsEmpty ? null : SipText.GetUnescapedString(c.InstanceId),
                c.TryGetRegId(out var r) ? r : null));
        }

        var path = new List<string>();
        foreach (var p in msg.Path)
        {
            path.Add(S(p.Uri));
        }

        var serviceRoute = new List<string>();
        foreach (var p in msg.ServiceRoute)
        {
            serviceRoute.Add(S(p.Uri));
        }

        var supported = new List<string>();
        foreach (var t in msg.GetOptionTags(SipHeaderName.Supported))
        {
            supported.Add(S(t));
        }

        ChallengeModel? challenge = null;
        foreach (var ch in msg.Challenges)
        {
            challenge = new ChallengeModel(ch.Header == SipHeaderName.ProxyAuthenticate, S(ch.Realm), S(ch.Nonce), S(ch.Qop), ch.IsStale, S(ch.Algorithm));
        }

        CredentialsModel? credentials = null;
        foreach (var cr in msg.Credentials)
        {
            credentials = new CredentialsModel(cr.Header == SipHeaderName.ProxyAuthorization, S(cr.Username), S(cr.Realm), S(cr.Nonce), S(cr.Uri), S(cr.Response), S(cr.NonceCount));
        }

        return new MessageModel(
            msg.IsRequest,
            S(msg.Method),
            msg.StatusCode,
            vias,
            new AddressModel(from.DisplayName.IsEmpty ? null : from.IsDisplayNameQuoted ? SipText.GetUnescapedString(from.DisplayName) : S(from.DisplayName), from.IsDisplayNameQuoted, S(from.Uri), from.Tag.IsEmpty ? null : S(from.Tag)),
            new AddressModel(to.DisplayName.IsEmpty ? null : S(to.DisplayName), to.IsDisplayNameQuoted, S(to.Uri), to.Tag.IsEmpty ? null : S(to.Tag)),
            S(msg.CallId),
            cseq.Number,
            contacts,
            msg.TryGetExpires(out var ex) ? ex : null,
            path,
            serviceRoute,
            challenge,
            credentials,
            supported,
            msg.TryGetMinExpires(out var minEx) ? minEx : null,
            S(msg.Body));
    }
}
