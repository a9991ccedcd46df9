namespace SipReg.Sip;

/// <summary>
/// Walks the values of one header across all its fields, in message order: the values validation kept when there are
/// any, otherwise the elements of the field split at commas outside quotes and angle brackets (RFC 3261 §7.3.1).
/// </summary>
internal ref struct SipValueCursor
{
    private readonly SipMessage? _message;
    private int _nextField;
    private int _kept;
    private int _keptEnd;
    private ReadOnlySpan<byte> _rest;

    public SipValueCursor(SipMessage message, SipHeaderName header)
    {
        _message = message;
        _nextField = message.FirstHeader(header);
        _kept = 0;
        _keptEnd = 0;
        _rest = default;
    }

    /// <summary>The message whose values are walked.</summary>
    public readonly SipMessage? Message => _message;

    /// <summary>Advances to the next value.</summary>
    /// <param name="kept">0-based index of a kept value, or -1 when <paramref name="element"/> has to be parsed.</param>
    /// <param name="element">The element text when it was not kept.</param>
    /// <returns>False when there are no more values.</returns>
    public bool MoveNext(out int kept, out ReadOnlySpan<byte> element)
    {
        element = default;
        kept = -1;
        if (_message is null)
        {
            return false;
        }

        while (true)
        {
            if (_kept < _keptEnd)
            {
                kept = _kept++;
                return true;
            }

            if (!_rest.IsEmpty)
            {
                element = SipSyntax.ReadListElement(ref _rest, (byte)',', respectAngles: true);
                if (!element.IsEmpty)
                {
                    return true;
                }
            }

            if (_nextField < 0)
            {
                return false;
            }

            var field = _nextField;
            _nextField = _message.NextHeader(field);
            if (_message.TryGetKeptValues(field, out var first, out var count))
            {
                _kept = first;
                _keptEnd = first + count;
            }
            else
            {
                _rest = _message.HeaderValue(field);
            }
        }
    }

    /// <summary>
    /// Advances to the next well-formed value: a kept value that validation accepted, or an element that
    /// <typeparamref name="TSyntax"/> accepts. Malformed values are skipped (they are in the message's diagnostics).
    /// </summary>
    /// <typeparam name="TSyntax">The value's syntax (a struct, so the check is specialised, not called through an interface).</typeparam>
    /// <param name="kept">0-based index of the kept value, or -1 when <paramref name="element"/> is the value.</param>
    /// <param name="element">The element text when it was not kept.</param>
    /// <returns>False when there are no more values.</returns>
    public bool MoveNextValid<TSyntax>(out int kept, out ReadOnlySpan<byte> element)
        where TSyntax : struct, ISipValueSyntax
    {
        while (MoveNext(out kept, out element))
        {
            if (kept >= 0 ? _message!.IsKeptValueValid(kept) : TSyntax.IsValid(element))
            {
                return true;
            }
        }

        return false;
    }
}
