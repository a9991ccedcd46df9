namespace SipReg.Sip;

/// <summary>Enumerates the Contact values of a message across all Contact fields (malformed ones are skipped; they are in the diagnostics).</summary>
public ref struct SipContactEnumerator
{
    private SipValueCursor _values;

    internal SipContactEnumerator(SipValueCursor values)
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
        while (_values.MoveNext(out var kept, out var element))
        {
            if (kept >= 0)
            {
                if (_values.Message!.IsKeptValueValid(kept))
                {
                    Current = _values.Message.KeptContact(kept);
                    return true;
                }
            }
            else if (SipContact.TryParse(element, out var value))
            {
                Current = value;
                return true;
            }
        }

        return false;
    }
}
