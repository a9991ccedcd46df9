namespace SipReg.Sip;

/// <summary>A view of Content-Type (RFC 3261 §20.15): <c>m-type SLASH m-subtype *(SEMI m-parameter)</c>.</summary>
public readonly ref struct SipContentType
{
    private SipContentType(ReadOnlySpan<byte> type, ReadOnlySpan<byte> subtype, ReadOnlySpan<byte> parameters)
    {
        Type = type;
        Subtype = subtype;
        Parameters = parameters;
    }

    /// <summary>The media type (e.g. <c>application</c>).</summary>
    public ReadOnlySpan<byte> Type { get; }

    /// <summary>The media subtype (e.g. <c>sdp</c>).</summary>
    public ReadOnlySpan<byte> Subtype { get; }

    /// <summary>The parameters without the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>Reads a Content-Type value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="contentType">The view.</param>
    /// <returns>False if malformed.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipContentType contentType)
    {
        contentType = default;
        var s = SipSyntax.Trim(value);
        var semi = s.IndexOf((byte)';');
        var media = semi < 0 ? s : s[..semi];
        var slash = media.IndexOf((byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var type = SipSyntax.Trim(media[..slash]);
        var subtype = SipSyntax.Trim(media[(slash + 1)..]);
        if (!SipSyntax.IsToken(type) || !SipSyntax.IsToken(subtype))
        {
            return false;
        }

        contentType = new SipContentType(type, subtype, semi < 0 ? default : s[(semi + 1)..]);
        return true;
    }
}
