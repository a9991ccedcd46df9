namespace SipReg.Sip;

/// <summary>Enumerates the Via values of a message, top first (malformed values are skipped; they are in the diagnostics).</summary>
public ref struct SipViaEnumerator
{
    private SipHeaderValueEnumerator _values;

    internal SipViaEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        Current = default;
    }

    /// <summary>The current Via.</summary>
    public SipVia Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipViaEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next Via.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            if (SipVia.TryParse(_values.Current, out var via))
            {
                Current = via;
                return true;
            }
        }

        return false;
    }
}
