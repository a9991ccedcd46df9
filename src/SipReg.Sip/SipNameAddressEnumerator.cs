namespace SipReg.Sip;

/// <summary>Enumerates the name-addr values of a list header (Route, Record-Route, Path, Service-Route), in order.</summary>
public ref struct SipNameAddressEnumerator
{
    private SipHeaderValueEnumerator _values;

    internal SipNameAddressEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        Current = default;
    }

    /// <summary>The current address.</summary>
    public SipNameAddress Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipNameAddressEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next address.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            if (SipNameAddress.TryParse(_values.Current, out var address))
            {
                Current = address;
                return true;
            }
        }

        return false;
    }
}
