namespace SipReg.Sip;

/// <summary>
/// A view of a <c>name-addr</c> or <c>addr-spec</c> with header parameters (RFC 3261 §20.10, §20.20, §20.39, §25.1),
/// as in From, To, Contact, Route, Record-Route, Path (RFC 3327) and Service-Route (RFC 3608).
/// </summary>
public readonly ref struct SipNameAddress
{
    internal SipNameAddress(ReadOnlySpan<byte> displayName, bool quoted, bool angle, ReadOnlySpan<byte> uri, ReadOnlySpan<byte> parameters,
        SipMessage? message = null, int kept = -1)
    {
        _message = message;
        _kept = kept;
        DisplayName = displayName;
        IsDisplayNameQuoted = quoted;
        HasAngleBrackets = angle;
        Uri = uri;
        Parameters = parameters;
    }

    // The message whose kept values this view came from (with the value's 0-based index), so that tag, expires,
    // +sip.instance and reg-id are handed out instead of being looked up again; null for a view read by TryParse.
    private readonly SipMessage? _message;
    private readonly int _kept;

    /// <summary>The display name: for a quoted one, its content without the quotes (escapes kept, see <see cref="SipText.Unescape"/>); empty if none.</summary>
    public ReadOnlySpan<byte> DisplayName { get; }

    /// <summary>Whether the display name was a quoted-string.</summary>
    public bool IsDisplayNameQuoted { get; }

    /// <summary>Whether the URI was enclosed in angle brackets (name-addr form).</summary>
    public bool HasAngleBrackets { get; }

    /// <summary>The URI without angle brackets (URI parameters and headers included).</summary>
    public ReadOnlySpan<byte> Uri { get; }

    /// <summary>The header parameters after the URI, without the leading <c>;</c> (e.g. <c>tag=1928301774</c>).</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The <c>tag</c> parameter of From/To (RFC 3261 §19.3), or empty.</summary>
    public ReadOnlySpan<byte> Tag => TryGetKnownParameter(SipMessage.KnownParameter.Tag, "tag"u8, out var v) ? v : default;

    /// <summary>Finds a header parameter.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="value">Its value without quotes (empty if it has none).</param>
    /// <returns>True if present.</returns>
    public bool TryGetParameter(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (SipParameterEnumerator.TryFind(Parameters, (byte)';', name, out var p))
        {
            value = p.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Finds a parameter the message kept (<see cref="SipMessage.KnownParameter"/>), or looks it up by name.</summary>
    internal bool TryGetKnownParameter(int slot, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) =>
        _message is not null ? _message.TryGetKeptParameter(_kept, slot, out value) : TryGetParameter(name, out value);

    /// <summary>Whether a header parameter is present.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <returns>True if present.</returns>
    public bool HasParameter(ReadOnlySpan<byte> name) => SipParameterEnumerator.TryFind(Parameters, (byte)';', name, out _);

    /// <summary>The header parameters, for <c>foreach</c>.</summary>
    /// <returns>An enumerator.</returns>
    public SipParameterEnumerator EnumerateParameters() => new(Parameters, (byte)';');

    /// <summary>Reads <see cref="Uri"/> as a <see cref="SipUri"/>.</summary>
    /// <param name="uri">The URI view.</param>
    /// <returns>False if the URI cannot be read.</returns>
    public bool TryGetUri(out SipUri uri) => SipUri.TryParse(Uri, out uri);

    /// <summary>Reads one name-addr or addr-spec with its parameters.</summary>
    /// <param name="value">One value (one element of a comma-separated list).</param>
    /// <param name="address">The view.</param>
    /// <returns>False if no URI with a scheme is found or quotes/brackets are unbalanced.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipNameAddress address)
    {
        address = default;
        var s = SipSyntax.Trim(value);
        if (s.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> display = default;
        var quoted = false;
        ReadOnlySpan<byte> rest;
        if (s[0] == '"')
        {
            var n = SipSyntax.QuotedStringLength(s);
            if (n < 0)
            {
                return false;
            }

            display = s[1..(n - 1)];
            quoted = true;
            rest = SipSyntax.TrimStart(s[n..]);
            if (rest.IsEmpty || rest[0] != '<')
            {
                return false;
            }
        }
        else
        {
            var lt = s.IndexOf((byte)'<');
            if (lt < 0)
            {
                return TryParseAddrSpec(s, out address);
            }

            display = SipSyntax.Trim(s[..lt]);
            rest = s[lt..];
        }

        var gt = rest.IndexOf((byte)'>');
        if (gt < 0)
        {
            return false;
        }

        var uri = SipSyntax.Trim(rest[1..gt]);
        var parameters = SipSyntax.Trim(rest[(gt + 1)..]);
        if (!parameters.IsEmpty)
        {
            if (parameters[0] != ';')
            {
                return false;
            }

            parameters = parameters[1..];
        }

        if (SipSyntax.IndexOfNear(uri, (byte)':') <= 0)
        {
            return false;
        }

        address = new SipNameAddress(display, quoted, true, uri, parameters);
        return true;
    }

    private static bool TryParseAddrSpec(ReadOnlySpan<byte> s, out SipNameAddress address)
    {
        // RFC 3261 §20.10: without angle brackets, semicolon parameters belong to the header, not the URI.
        // A ';' before the '@' belongs to the user part (telephone-subscriber parameters), so look after it.
        var at = s.LastIndexOf((byte)'@');
        var from = at < 0 ? 0 : at;
        var semi = s[from..].IndexOf((byte)';');
        var uri = semi < 0 ? s : SipSyntax.Trim(s[..(from + semi)]);
        var parameters = semi < 0 ? default : s[(from + semi + 1)..];
        if (uri.IndexOf((byte)':') <= 0 || uri.ContainsAny((byte)' ', (byte)'\t', (byte)'"'))
        {
            address = default;
            return false;
        }

        address = new SipNameAddress(default, false, false, uri, parameters);
        return true;
    }
}
