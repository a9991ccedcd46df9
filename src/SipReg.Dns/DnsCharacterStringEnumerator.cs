namespace SipReg.Dns;

/// <summary>Walks a run of character-strings (a length byte then that many bytes, RFC 1035 §3.3), as in TXT data.</summary>
public ref struct DnsCharacterStringEnumerator
{
    internal DnsCharacterStringEnumerator(ReadOnlySpan<byte> data)
    {
        Remaining = data;
        Current = default;
    }

    /// <summary>The bytes not yet walked.</summary>
    public ReadOnlySpan<byte> Remaining { readonly get; private set; }

    /// <summary>The current string's bytes (without its length byte).</summary>
    public ReadOnlySpan<byte> Current { readonly get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>A copy of this enumerator.</returns>
    public readonly DnsCharacterStringEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next string.</summary>
    /// <returns><see langword="false"/> at the end (or when a length runs past the end).</returns>
    public bool MoveNext()
    {
        if (Remaining.IsEmpty || 1 + Remaining[0] > Remaining.Length)
        {
            Current = default;
            return false;
        }

        Current = Remaining.Slice(1, Remaining[0]);
        Remaining = Remaining[(1 + Current.Length)..];
        return true;
    }
}
