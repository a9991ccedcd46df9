namespace SipReg.Sip;

/// <summary>The scheme of a URI read by <see cref="SipUri"/>.</summary>
public enum SipUriScheme
{
    /// <summary>Another absolute URI (e.g. <c>urn:</c>, <c>mailto:</c>); only <see cref="SipUri.Scheme"/> text and the raw URI are available.</summary>
    Other = 0,

    /// <summary><c>sip:</c> (RFC 3261 §19.1).</summary>
    Sip,

    /// <summary><c>sips:</c> (RFC 3261 §19.1).</summary>
    Sips,

    /// <summary><c>tel:</c> (RFC 3966).</summary>
    Tel,
}
