using SipReg.Generator.Packets;

namespace SipReg.Generator.Sip;

/// <summary>Digest credentials a request carries (RFC 3261 §22.4, RFC 2617 qop=auth).</summary>
internal sealed class DigestCredentials
{
    public bool Proxy { get; set; }

    public string Username { get; set; } = "";

    public string Realm { get; set; } = "";

    public ulong Nonce { get; set; }

    public string Uri { get; set; } = "";

    public ulong ResponseHigh { get; set; }

    public ulong ResponseLow { get; set; }

    public uint Cnonce { get; set; }

    public int NonceCount { get; set; } = 1;
}

/// <summary>One Contact binding as written in a REGISTER or echoed in a 2xx.</summary>
internal sealed class ContactBinding
{
    public string User { get; set; } = "";

    public NetEndpoint Endpoint { get; set; }

    public string Transport { get; set; } = "udp";

    public bool Ob { get; set; }

    public string? InstanceId { get; set; }

    public int? RegId { get; set; }

    public int? Expires { get; set; }
}

/// <summary>
/// A SIP request (REGISTER and the few other methods the scenarios need). Mutable so that the fleet reuses one per
/// user agent; identity strings are set once, per-message values are numbers written without formatting strings.
/// </summary>
internal sealed class SipRequest
{
    public string Method { get; set; } = "REGISTER";

    public string RequestUri { get; set; } = "";

    public string Transport { get; set; } = "UDP";

    /// <summary>The Via sent-by.</summary>
    public NetEndpoint Local { get; set; }

    public ulong Branch { get; set; }

    public bool Rport { get; set; } = true;

    public string FromUser { get; set; } = "";

    public string ToUser { get; set; } = "";

    public string Domain { get; set; } = "";

    public string? DisplayName { get; set; }

    public ulong FromTag { get; set; }

    public ulong? ToTag { get; set; }

    public string CallId { get; set; } = "";

    public long CSeq { get; set; } = 1;

    /// <summary>Contacts to write; empty writes none.</summary>
    public List<ContactBinding> Contacts { get; } = [];

    /// <summary>Writes <c>Contact: *</c> (RFC 3261 §10.2.2 remove all bindings).</summary>
    public bool ContactStar { get; set; }

    public int? Expires { get; set; }

    public string? Allow { get; set; } = "INVITE, ACK, CANCEL, BYE, REFER, NOTIFY, MESSAGE, SUBSCRIBE, INFO, OPTIONS, UPDATE, PRACK";

    public string? Supported { get; set; } = "replaces, path, gruu";

    public string? UserAgent { get; set; } = "Yealink SIP-T46S 66.86.0.15";

    public DigestCredentials? Authorization { get; set; }

    /// <summary>Route header values, one header line each.</summary>
    public List<string> Routes { get; } = [];

    public List<string> ExtraHeaders { get; } = [];

    public string? ContentType { get; set; }

    public string? Body { get; set; }

    /// <summary>Writes the message into <paramref name="writer"/> (cleared first).</summary>
    public void WriteTo(ByteWriter writer)
    {
        writer.Clear();
        writer.Text(Method).Byte((byte)' ').Text(RequestUri).Raw(" SIP/2.0\r\n"u8);
        writer.Raw("Via: SIP/2.0/"u8).Text(Transport).Byte((byte)' ').HostPort(Local);
        if (Rport)
        {
            writer.Raw(";rport"u8);
        }

        writer.Raw(";branch=z9hG4bK"u8).Hex(Branch).Crlf();
        writer.Raw("Max-Forwards: 70\r\n"u8);
        writer.Raw("From: "u8);
        if (DisplayName is not null)
        {
            writer.Byte((byte)'"').Text(DisplayName).Raw("\" "u8);
        }

        writer.Raw("<sip:"u8).Text(FromUser).Byte((byte)'@').Text(Domain).Raw(">;tag="u8).Hex(FromTag, 12).Crlf();
        writer.Raw("To: <sip:"u8).Text(ToUser).Byte((byte)'@').Text(Domain).Byte((byte)'>');
        if (ToTag is { } toTag)
        {
            writer.Raw(";tag="u8).Hex(toTag, 12);
        }

        writer.Crlf();
        writer.Raw("Call-ID: "u8).Text(CallId).Crlf();
        writer.Raw("CSeq: "u8).Number(CSeq).Byte((byte)' ').Text(Method).Crlf();
        foreach (string route in Routes)
        {
            writer.Raw("Route: "u8).Text(route).Crlf();
        }

        if (ContactStar)
        {
            writer.Raw("Contact: *\r\n"u8);
        }

        foreach (ContactBinding contact in Contacts)
        {
            writer.Raw("Contact: "u8);
            WriteContact(writer, contact);
            writer.Crlf();
        }

        if (Expires is { } expires)
        {
            writer.Raw("Expires: "u8).Number(expires).Crlf();
        }

        if (Allow is not null)
        {
            writer.Raw("Allow: "u8).Text(Allow).Crlf();
        }

        if (Supported is not null)
        {
            writer.Raw("Supported: "u8).Text(Supported).Crlf();
        }

        if (UserAgent is not null)
        {
            writer.Raw("User-Agent: "u8).Text(UserAgent).Crlf();
        }

        if (Authorization is { } auth)
        {
            writer.Raw(auth.Proxy ? "Proxy-Authorization: Digest username=\""u8 : "Authorization: Digest username=\""u8).Text(auth.Username)
                .Raw("\", realm=\""u8).Text(auth.Realm)
                .Raw("\", nonce=\""u8).Hex(auth.Nonce).Hex(auth.Nonce * 0x9E3779B97F4A7C15UL, 8)
                .Raw("\", uri=\""u8).Text(auth.Uri)
                .Raw("\", response=\""u8).Hex(auth.ResponseHigh).Hex(auth.ResponseLow)
                .Raw("\", algorithm=MD5, cnonce=\""u8).Hex(auth.Cnonce, 8)
                .Raw("\", qop=auth, nc="u8).Number(auth.NonceCount, 8).Crlf();
        }

        foreach (string header in ExtraHeaders)
        {
            writer.Text(header).Crlf();
        }

        WriteBody(writer, ContentType, Body);
    }

    internal static void WriteContact(ByteWriter writer, ContactBinding contact)
    {
        writer.Raw("<sip:"u8).Text(contact.User).Byte((byte)'@').HostPort(contact.Endpoint).Raw(";transport="u8).Text(contact.Transport);
        if (contact.Ob)
        {
            writer.Raw(";ob"u8);
        }

        writer.Byte((byte)'>');
        if (contact.Expires is { } expires)
        {
            writer.Raw(";expires="u8).Number(expires);
        }

        if (contact.InstanceId is not null)
        {
            writer.Raw(";+sip.instance=\"<urn:uuid:"u8).Text(contact.InstanceId).Raw(">\""u8);
        }

        if (contact.RegId is { } regId)
        {
            writer.Raw(";reg-id="u8).Number(regId);
        }
    }

    internal static void WriteBody(ByteWriter writer, string? contentType, string? body)
    {
        if (body is null)
        {
            writer.Raw("Content-Length: 0\r\n\r\n"u8);
            return;
        }

        writer.Raw("Content-Type: "u8).Text(contentType ?? "application/sdp").Crlf();
        writer.Raw("Content-Length: "u8).Number(body.Length).Raw("\r\n\r\n"u8).Text(body);
    }
}

/// <summary>A response to a <see cref="SipRequest"/>; dialog headers are copied from the request.</summary>
internal sealed class SipResponse
{
    private static readonly string[] s_days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] s_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public int Status { get; set; } = 200;

    public string Reason { get; set; } = "OK";

    /// <summary>Where the request really came from, when that differs from the Via sent-by (RFC 3581 received/rport).</summary>
    public NetEndpoint? ReceivedFrom { get; set; }

    public ulong ToTag { get; set; }

    /// <summary>Adds WWW-Authenticate (401) or Proxy-Authenticate (407) when set.</summary>
    public string? ChallengeRealm { get; set; }

    public ulong ChallengeNonce { get; set; }

    public bool Stale { get; set; }

    public List<ContactBinding> Contacts { get; } = [];

    public int? MinExpires { get; set; }

    public int? RetryAfter { get; set; }

    public long? DateNanoseconds { get; set; }

    public ulong? NextNonce { get; set; }

    public List<string> Paths { get; } = [];

    public List<string> ServiceRoutes { get; } = [];

    public string? Require { get; set; }

    public string? Supported { get; set; }

    public string? Server { get; set; } = "kamailio (5.6.4 (x86_64/linux))";

    public List<string> ExtraHeaders { get; } = [];

    /// <summary>Writes the response to <paramref name="request"/> into <paramref name="writer"/> (cleared first).</summary>
    public void WriteTo(ByteWriter writer, SipRequest request)
    {
        writer.Clear();
        writer.Raw("SIP/2.0 "u8).Number(Status).Byte((byte)' ').Text(Reason).Crlf();
        writer.Raw("Via: SIP/2.0/"u8).Text(request.Transport).Byte((byte)' ').HostPort(request.Local);
        if (request.Rport)
        {
            writer.Raw(";rport="u8).Number((ReceivedFrom ?? request.Local).Port);
        }

        writer.Raw(";branch=z9hG4bK"u8).Hex(request.Branch);
        if (ReceivedFrom is { } received)
        {
            writer.Raw(";received="u8).Host(received with { Port = 0 });
        }

        writer.Crlf();
        writer.Raw("From: "u8);
        if (request.DisplayName is not null)
        {
            writer.Byte((byte)'"').Text(request.DisplayName).Raw("\" "u8);
        }

        writer.Raw("<sip:"u8).Text(request.FromUser).Byte((byte)'@').Text(request.Domain).Raw(">;tag="u8).Hex(request.FromTag, 12).Crlf();
        writer.Raw("To: <sip:"u8).Text(request.ToUser).Byte((byte)'@').Text(request.Domain).Raw(">;tag="u8).Hex(ToTag).Crlf();
        writer.Raw("Call-ID: "u8).Text(request.CallId).Crlf();
        writer.Raw("CSeq: "u8).Number(request.CSeq).Byte((byte)' ').Text(request.Method).Crlf();
        foreach (string path in Paths)
        {
            writer.Raw("Path: "u8).Text(path).Crlf();
        }

        foreach (string route in ServiceRoutes)
        {
            writer.Raw("Service-Route: "u8).Text(route).Crlf();
        }

        foreach (ContactBinding contact in Contacts)
        {
            writer.Raw("Contact: "u8);
            SipRequest.WriteContact(writer, contact);
            writer.Crlf();
        }

        if (ChallengeRealm is not null)
        {
            writer.Raw(Status == 407 ? "Proxy-Authenticate: Digest realm=\""u8 : "WWW-Authenticate: Digest realm=\""u8).Text(ChallengeRealm)
                .Raw("\", nonce=\""u8).Hex(ChallengeNonce).Hex(ChallengeNonce * 0x9E3779B97F4A7C15UL, 8)
                .Raw("\", opaque=\""u8).Hex(ChallengeNonce ^ 0x5DEECE66DUL, 8)
                .Raw(Stale ? "\", stale=true, algorithm=MD5, qop=\"auth\"\r\n"u8 : "\", algorithm=MD5, qop=\"auth\"\r\n"u8);
        }

        if (NextNonce is { } nextNonce)
        {
            writer.Raw("Authentication-Info: nextnonce=\""u8).Hex(nextNonce).Hex(nextNonce * 0x9E3779B97F4A7C15UL, 8).Raw("\", qop=auth\r\n"u8);
        }

        if (MinExpires is { } minExpires)
        {
            writer.Raw("Min-Expires: "u8).Number(minExpires).Crlf();
        }

        if (RetryAfter is { } retryAfter)
        {
            writer.Raw("Retry-After: "u8).Number(retryAfter).Crlf();
        }

        if (Require is not null)
        {
            writer.Raw("Require: "u8).Text(Require).Crlf();
        }

        if (Supported is not null)
        {
            writer.Raw("Supported: "u8).Text(Supported).Crlf();
        }

        if (DateNanoseconds is { } date)
        {
            WriteDate(writer, date);
        }

        if (Server is not null)
        {
            writer.Raw("Server: "u8).Text(Server).Crlf();
        }

        foreach (string header in ExtraHeaders)
        {
            writer.Text(header).Crlf();
        }

        writer.Raw("Content-Length: 0\r\n\r\n"u8);
    }

    /// <summary>Writes an RFC 1123 <c>Date</c> header (RFC 3261 §20.17) without formatting strings.</summary>
    internal static void WriteDate(ByteWriter writer, long nanoseconds)
    {
        DateTime time = DateTime.UnixEpoch.AddTicks(nanoseconds / 100);
        writer.Raw("Date: "u8).Text(s_days[(int)time.DayOfWeek]).Raw(", "u8).Number(time.Day, 2).Byte((byte)' ')
            .Text(s_months[time.Month - 1]).Byte((byte)' ').Number(time.Year).Byte((byte)' ')
            .Number(time.Hour, 2).Byte((byte)':').Number(time.Minute, 2).Byte((byte)':').Number(time.Second, 2).Raw(" GMT\r\n"u8);
    }
}
