namespace SipReg.Dns;

/// <summary>Walks the question section; yields only the questions the validating pass could read.</summary>
public ref struct DnsQuestionEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private readonly DnsDecoderOptions _options;
    private int _position;
    private int _remaining;

    internal DnsQuestionEnumerator(ReadOnlySpan<byte> message, scoped in DnsDecoderOptions options, int offset, int count)
    {
        _message = message;
        _options = options;
        _position = offset;
        _remaining = count;
        Current = default;
    }

    /// <summary>The current question.</summary>
    public DnsQuestion Current { readonly get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>A copy of this enumerator.</returns>
    public readonly DnsQuestionEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next question.</summary>
    /// <returns><see langword="false"/> after the last readable question.</returns>
    public bool MoveNext()
    {
        if (_remaining <= 0)
        {
            return false;
        }

        _remaining--;
        DnsLabelEnumerator.TrySkip(_message, _position, _message.Length, out int fields, out _);
        Current = new DnsQuestion(_message, _options, _position, fields);
        _position = fields + 4;
        return true;
    }
}
