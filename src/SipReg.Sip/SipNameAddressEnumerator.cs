namespace SipReg.Sip;

/// <summary>Enumerates the name-addr values of a list header (Route, Record-Route, Path, Service-Route), in order.</summary>
public ref struct SipNameAddressEnumerator
{
    private SipValueCursor _values;

    // Where the current value is: 0-based index of a kept value, or -1 and the element text to read. The view is
    // built when asked for, so the enumerator stays small (foreach copies it).
    private int _kept;
    private ReadOnlySpan<byte> _element;

    internal SipNameAddressEnumerator(SipValueCursor values)
    {
        _values = values;
        _kept = -1;
        _element = default;
    }

    /// <summary>The current address.</summary>
    public readonly SipNameAddress Current =>
        _kept >= 0 ? _values.Message!.KeptNameAddress(_kept) : SipNameAddress.TryParse(_element, out var value) ? value : default;

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
                    _kept = kept;
                    _element = default;
                    return true;
                }
            }
            else if (SipNameAddress.TryParse(element, out _))
            {
                _kept = -1;
                _element = element;
                return true;
            }
        }

        return false;
    }
}
