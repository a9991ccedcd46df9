namespace SipReg.Sip;

/// <summary>
/// Enumerates the values of one or two headers across all their fields, in message order: list headers are split at
/// commas outside quotes and angle brackets (RFC 3261 §7.3.1), other headers yield each field value whole.
/// </summary>
public ref struct SipHeaderValueEnumerator
{
    private readonly SipMessage? _message;
    private readonly bool _split;
    private int _index;
    private int _nextFirst;
    private int _nextSecond;
    private ReadOnlySpan<byte> _rest;

    internal SipHeaderValueEnumerator(SipMessage message, SipHeaderName first, SipHeaderName second, bool split)
    {
        _message = message;
        _split = split;
        _index = -1;
        _nextFirst = message.FirstHeader(first);
        _nextSecond = second == first ? -1 : message.FirstHeader(second);
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

            // The fields of each header are chained in message order; take whichever of the two comes first.
            if (_nextFirst >= 0 && (_nextSecond < 0 || _nextFirst < _nextSecond))
            {
                _index = _nextFirst;
                _nextFirst = _message.NextHeader(_index);
            }
            else if (_nextSecond >= 0)
            {
                _index = _nextSecond;
                _nextSecond = _message.NextHeader(_index);
            }
            else
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
