namespace SipReg.Sip;

/// <summary>Enumerates the name-addr values of a list header (Route, Record-Route, Path, Service-Route), in order.</summary>
public ref struct SipNameAddressEnumerator
{
    private SipValueCursor _values;

    internal SipNameAddressEnumerator(SipValueCursor values)
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
        while (_values.MoveNext(out var kept, out var element))
        {
            if (kept >= 0)
            {
                if (_values.Message!.IsKeptValueValid(kept))
                {
                    Current = _values.Message.KeptNameAddress(kept);
                    return true;
                }
            }
            else if (SipNameAddress.TryParse(element, out var value))
            {
                Current = value;
                return true;
            }
        }

        return false;
    }
}
