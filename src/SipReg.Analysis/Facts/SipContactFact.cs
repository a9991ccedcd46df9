namespace SipReg.Analysis.Facts;

/// <summary>One Contact header value of a SIP message (RFC 3261 §20.10), with the parameters registration cares about.</summary>
public sealed record SipContactFact
{
    /// <summary>The Contact URI without angle brackets or display name, e.g. <c>sip:alice@192.0.2.1:5060;ob</c>.</summary>
    public string Uri { get; init; } = "";

    /// <summary>Host of the URI (IPv6 without brackets), or null when it could not be read.</summary>
    public string? Host { get; init; }

    /// <summary>Port of the URI, or null when the URI has none.</summary>
    public int? Port { get; init; }

    /// <summary>The <c>expires</c> header parameter in seconds, or null when absent (RFC 3261 §10.2.1.1).</summary>
    public long? Expires { get; init; }

    /// <summary>The <c>q</c> parameter as written, or null.</summary>
    public string? Q { get; init; }

    /// <summary>The <c>+sip.instance</c> parameter (RFC 5626 §4.1), angle brackets and quotes kept as written, or null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The <c>reg-id</c> parameter (RFC 5626 §4.2), or null.</summary>
    public string? RegId { get; init; }

    /// <summary>Whether the URI carries the <c>ob</c> URI parameter (RFC 5626 §5.4).</summary>
    public bool Ob { get; init; }

    /// <summary>The <c>pub-gruu</c> parameter (RFC 5627 §5.1), or null.</summary>
    public string? PubGruu { get; init; }

    /// <summary>The <c>temp-gruu</c> parameter (RFC 5627 §5.1), or null.</summary>
    public string? TempGruu { get; init; }
}
