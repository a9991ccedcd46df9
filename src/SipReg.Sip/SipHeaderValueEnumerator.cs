namespace SipReg.Sip;

/// <summary>
/// Enumerates the values of one or two headers across all their fields, in message order: list headers are split at
/// commas outside quotes and angle brackets (RFC 3261 §7.3.1), other headers yield each field value whole.
/// </summary>
public ref struct SipHeaderValueEnumerator
{
    private readonly SipMessage? _message;
    private readonly SipHeaderName _first;
    private readonly SipHeaderName _second;
    private readonly bool _split;
    private int _index;
    private ReadOnlySpan<byte> _rest;

    internal SipHeaderValueEnumerator(SipMessage message, SipHeaderName first, SipHeaderName second, bool split)
    {
        _message = message;
        _first = first;
        _second = second;
        _split = split;
        _index = -1;
        _rest = default;
        Current = default;
        CurrentHeader = SipHeaderName.Unknown;
    }

    /// <summary>The current value (trimmed).</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>The header the current value belongs to.</summary>
    public SipHeaderName CurrentHeader { get; private set; }

    /// <summary>0-based index of the header field holding the current value (see <see cref="SipMessage.GetHeader"/>).</summary>
    public readonly int CurrentFieldIndex => _index;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>This enumerator.</returns>
    public readonly SipHeaderValueEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next value.</summary>
    /// <returns>False when there are no more.</returns>
    public bool MoveNext()
    {
        if (_message is null)
        {
            return false;
        }

        while (true)
        {
            if (_split && !_rest.IsEmpty)
            {
                var element = SipSyntax.ReadListElement(ref _rest, (byte)',', respectAngles: true);
                if (!element.IsEmpty)
                {
                    Current = element;
                    return true;
                }
            }

            _index = _message.FindHeader(_index + 1, _first, _second);
            if (_index < 0)
            {
                _index = int.MaxValue - 1;
                return false;
            }

            CurrentHeader = _message.HeaderNameAt(_index);
            if (_split)
            {
                _rest = _message.HeaderValue(_index);
            }
            else
            {
                Current = _message.HeaderValue(_index);
                return true;
            }
        }
    }
}
