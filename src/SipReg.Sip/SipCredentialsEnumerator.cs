namespace SipReg.Sip;

/// <summary>Enumerates the credentials of Authorization and Proxy-Authorization fields, in message order.</summary>
public ref struct SipCredentialsEnumerator
{
    private SipHeaderValueEnumerator _values;

    // The auth-scheme, auth-params and header of the current credentials, as MoveNext split them: the view is built
    // when asked for, so the enumerator stays small (foreach copies it) and a message without such fields costs next to nothing.
    private ReadOnlySpan<byte> _scheme;
    private ReadOnlySpan<byte> _parameters;
    private SipHeaderName _currentHeader;

    internal SipCredentialsEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        _scheme = default;
        _parameters = default;
        _currentHeader = SipHeaderName.Unknown;
    }

    /// <summary>The current credentials.</summary>
    /// <remarks>Read from the auth-params on each get; read it once per value.</remarks>
    public readonly SipCredentials Current => _scheme.IsEmpty ? default : SipCredentials.Read(_currentHeader, _scheme, _parameters);

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipCredentialsEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next credentials.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            // TryParse fails only when there is no auth-scheme (never empty when present); the split is kept for Current.
            if (SipAuthScheme.TrySplit(_values.Current, out var scheme, out var parameters))
            {
                _scheme = scheme;
                _parameters = parameters;
                _currentHeader = _values.CurrentHeader;
                return true;
            }
        }

        return false;
    }
}
