namespace SipReg.Sip;

/// <summary>Enumerates the credentials of Authorization and Proxy-Authorization fields, in message order.</summary>
public ref struct SipCredentialsEnumerator
{
    private SipHeaderValueEnumerator _values;

    internal SipCredentialsEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        Current = default;
    }

    /// <summary>The current credentials.</summary>
    public SipCredentials Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipCredentialsEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next credentials.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            if (SipCredentials.TryParse(_values.Current, _values.CurrentHeader, out var credentials))
            {
                Current = credentials;
                return true;
            }
        }

        return false;
    }
}
