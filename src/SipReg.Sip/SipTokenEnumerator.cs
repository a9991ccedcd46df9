namespace SipReg.Sip;

/// <summary>Enumerates the comma-separated tokens of a value (e.g. Digest <c>qop="auth,auth-int"</c>), trimmed.</summary>
public ref struct SipTokenEnumerator
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Creates the enumerator.</summary>
    /// <param name="list">The list, without quotes.</param>
    public SipTokenEnumerator(ReadOnlySpan<byte> list)
    {
        _rest = list;
        Current = default;
    }

    /// <summary>The current token.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipTokenEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next token.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        Current = SipSyntax.ReadListElement(ref _rest, (byte)',', respectAngles: false);
        return !Current.IsEmpty;
    }
}
