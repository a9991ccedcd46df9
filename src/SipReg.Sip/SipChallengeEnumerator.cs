namespace SipReg.Sip;

/// <summary>Enumerates the challenges of WWW-Authenticate and Proxy-Authenticate fields, in message order.</summary>
public ref struct SipChallengeEnumerator
{
    private SipHeaderValueEnumerator _values;

    // The field value of the current challenge and its header: the view is built when asked for, so the enumerator stays
    // small (foreach copies it) and a message without such fields costs next to nothing.
    private ReadOnlySpan<byte> _current;
    private SipHeaderName _currentHeader;

    internal SipChallengeEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        _current = default;
        _currentHeader = SipHeaderName.Unknown;
    }

    /// <summary>The current challenge.</summary>
    /// <remarks>Read from the field value on each get; read it once per value.</remarks>
    public readonly SipChallenge Current => !_current.IsEmpty && SipChallenge.TryParse(_current, _currentHeader, out var value) ? value : default;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipChallengeEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next challenge.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            // SipChallenge.TryParse fails only when there is no auth-scheme, which this checks.
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
