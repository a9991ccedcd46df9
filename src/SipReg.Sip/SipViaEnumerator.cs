namespace SipReg.Sip;

/// <summary>Enumerates the Via values of a message, top first (malformed values are skipped; they are in the diagnostics).</summary>
public ref struct SipViaEnumerator
{
    private SipValueCursor _values;

    internal SipViaEnumerator(SipValueCursor values)
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
        while (_values.MoveNext(out var kept, out var element))
        {
            if (kept >= 0)
            {
                if (_values.Message!.IsKeptValueValid(kept))
                {
                    Current = _values.Message.KeptVia(kept);
                    return true;
                }
            }
            else if (SipVia.TryParse(element, out var value))
            {
                Current = value;
                return true;
            }
        }

        return false;
    }
}
