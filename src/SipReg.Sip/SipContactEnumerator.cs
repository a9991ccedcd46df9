namespace SipReg.Sip;

/// <summary>Enumerates the Contact values of a message across all Contact fields (malformed ones are skipped; they are in the diagnostics).</summary>
public ref struct SipContactEnumerator
{
    private SipHeaderValueEnumerator _values;

    internal SipContactEnumerator(SipHeaderValueEnumerator values)
    {
        _values = values;
        Current = default;
    }

    /// <summary>The current Contact.</summary>
    public SipContact Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipContactEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next Contact.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        while (_values.MoveNext())
        {
            if (SipContact.TryParse(_values.Current, out var contact))
            {
                Current = contact;
                return true;
            }
        }

        return false;
    }
}
