namespace SipReg.Sip;

/// <summary>Enumerates the credentials of Authorization and Proxy-Authorization fields, in message order.</summary>
public ref struct SipCredentialsEnumerator
{
    private SipHeaderValueEnumerator _values;

    // The field value of the current credentials and its header: the view is built when asked for, so the enumerator stays
    // small (foreach copies it) and a message without such fields costs next to nothing.
    private ReadOnlySpan<byte> _current;
    private SipHeaderName _currentHeader;

    internal SipCredentialsEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        _current = default;
        _currentHeader = SipHeaderName.Unknown;
    }

    /// <summary>The current credentials.</summary>
    /// <remarks>Read from the field value on each get; read it once per value.</remarks>
    public readonly SipCredentials Current => !_current.IsEmpty && SipCredentials.TryParse(_current, _currentHeader, out var value) ? value : default;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipCredentialsEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next credentials.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            // SipCredentials.TryParse fails only when there is no auth-scheme, which this checks.
            if (SipAuthScheme.TrySplit(_values.Current, out _, out _))
            {
                _current = _values.Current;
                _currentHeader = _values.CurrentHeader;
                return true;
            }
        }

        return false;
    }
}
