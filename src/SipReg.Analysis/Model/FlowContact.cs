namespace SipReg.Analysis.Model;

/// <summary>One Contact of a flow's latest REGISTER with what was asked and what was granted.</summary>
public sealed record FlowContact
{
    /// <summary>The Contact URI as the UA wrote it.</summary>
    public string Uri { get; init; } = "";

    /// <summary>The requested lifetime (the Contact's expires parameter, else the Expires header, else 3600; RFC 3261 §10.2.1.1).</summary>
    public long RequestedExpires { get; init; }

    /// <summary>The granted lifetime from the 200 OK (the matching Contact's expires, else the 200's Expires), or null.</summary>
    public long? GrantedExpires { get; init; }

    /// <summary>The <c>+sip.instance</c> of the Contact (RFC 5626), or null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The <c>reg-id</c> of the Contact (RFC 5626), or null.</summary>
    public string? RegId { get; init; }

    /// <summary>Whether the Contact URI has <c>;ob</c> (RFC 5626 §5.4).</summary>
    public bool Ob { get; init; }

    /// <summary>The public GRUU the registrar assigned (RFC 5627), or null.</summary>
    public string? PubGruu { get; init; }

    /// <summary>The temporary GRUU the registrar assigned (RFC 5627), or null.</summary>
    public string? TempGruu { get; init; }
}
