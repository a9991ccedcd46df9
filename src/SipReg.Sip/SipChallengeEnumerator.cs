namespace SipReg.Sip;

/// <summary>Enumerates the challenges of WWW-Authenticate and Proxy-Authenticate fields, in message order.</summary>
public ref struct SipChallengeEnumerator
{
    private SipHeaderValueEnumerator _values;

    internal SipChallengeEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        Current = default;
    }

    /// <summary>The current challenge.</summary>
    public SipChallenge Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipChallengeEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next challenge.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            if (SipChallenge.TryParse(_values.Current, _values.CurrentHeader, out var challenge))
            {
                Current = challenge;
                return true;
            }
        }

        return false;
    }
}
