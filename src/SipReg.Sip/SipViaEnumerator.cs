namespace SipReg.Sip;

/// <summary>Enumerates the Via values of a message, top first (malformed values are skipped; they are in the diagnostics).</summary>
public ref struct SipViaEnumerator
{
    private SipValueCursor _values;

    // Where the current value is: 0-based index of a kept value, or -1 and the element text to read. The view is
    // built when asked for, so the enumerator stays small (foreach copies it).
    private int _kept;
    private ReadOnlySpan<byte> _element;

    internal SipViaEnumerator(SipValueCursor values)
    {
        _values = values;
        _kept = -1;
        _element = default;
    }

    /// <summary>The current Via.</summary>
    public readonly SipVia Current =>
        _kept >= 0 ? _values.Message!.KeptVia(_kept) : SipVia.TryParse(_element, out var value) ? value : default;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipViaEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next Via.</summary>
    /// <returns>False when there are no more.</returns>
    /// <remarks>After the last value, <see cref="Current"/> still gives that last value.</remarks>
    public bool MoveNext()
    {
        if (!_values.MoveNextValid<SipViaSyntax>(out var kept, out var element))
        {
            return false;
        }

        _kept = kept;
        _element = element;
        return true;
    }
}
