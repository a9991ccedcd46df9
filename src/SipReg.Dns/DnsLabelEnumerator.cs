namespace SipReg.Dns;

/// <summary>
/// Walks the labels of a possibly compressed name (RFC 1035 §4.1.4), following pointers within the limits of
/// <see cref="DnsDecoderOptions"/>. It never throws and always ends: on bad input <see cref="MoveNext"/> returns
/// <see langword="false"/> and <see cref="Error"/> says why and <see cref="ErrorOffset"/> where.
/// </summary>
/// <remarks>Labels already yielded before an error was found are not taken back: check <see cref="Error"/> after the loop.</remarks>
public ref struct DnsLabelEnumerator
{
    /// <summary>Longest name in wire form, length bytes and terminating zero included (RFC 1035 §3.1).</summary>
    public const int MaxNameWireLength = 255;

    /// <summary>Longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    private readonly ReadOnlySpan<byte> _message;
    private readonly int _maxHops;
    private readonly bool _allowForwardPointers;
    private int _position;
    private int _hops;
    private int _wireLength;
    private int _forwardPointerOffset;
    private bool _done;

    internal DnsLabelEnumerator(ReadOnlySpan<byte> message, int offset, int maxHops, bool allowForwardPointers)
    {
        _message = message;
        _position = offset;
        _maxHops = maxHops;
        _allowForwardPointers = allowForwardPointers;
        _forwardPointerOffset = -1;
        Current = default;
        Error = DnsDiagnosticReason.None;
        ErrorOffset = -1;
    }

    /// <summary>The current label's bytes (without its length byte).</summary>
    public ReadOnlySpan<byte> Current { readonly get; private set; }

    /// <summary>Why the walk stopped early, or <see cref="DnsDiagnosticReason.None"/>.</summary>
    public DnsDiagnosticReason Error { readonly get; private set; }

    /// <summary>Byte offset in the message where <see cref="Error"/> was found, or -1.</summary>
    public int ErrorOffset { readonly get; private set; }

    /// <summary>The name's length in wire form once the walk has ended without error (labels, length bytes, terminating zero).</summary>
    public readonly int WireLength => _wireLength;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>A copy of this enumerator.</returns>
    public readonly DnsLabelEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next label.</summary>
    /// <returns><see langword="false"/> at the end of the name or on an error (see <see cref="Error"/>).</returns>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        while (true)
        {
            int pos = _position;
            if ((uint)pos >= (uint)_message.Length)
            {
                return Fail(DnsDiagnosticReason.NameTruncated, pos);
            }

            byte b = _message[pos];
            switch (b & 0xC0)
            {
                case 0x00:
                    _wireLength += 1 + b;
                    if (_wireLength > MaxNameWireLength)
                    {
                        return Fail(DnsDiagnosticReason.NameTooLong, pos);
                    }

                    if (b == 0)
                    {
                        _done = true;
                        Current = default;
                        if (_forwardPointerOffset >= 0)
                        {
                            Fail(DnsDiagnosticReason.ForwardPointer, _forwardPointerOffset);
                        }

                        return false;
                    }

                    if (pos + 1 + b > _message.Length)
                    {
                        return Fail(DnsDiagnosticReason.NameTruncated, pos);
                    }

                    Current = _message.Slice(pos + 1, b);
                    _position = pos + 1 + b;
                    return true;

                case 0xC0:
                    if (pos + 2 > _message.Length)
                    {
                        return Fail(DnsDiagnosticReason.NameTruncated, pos);
                    }

                    if (++_hops > _maxHops)
                    {
                        return Fail(DnsDiagnosticReason.CompressionLoop, pos);
                    }

                    int target = ((b & 0x3F) << 8) | _message[pos + 1];
                    if (target >= _message.Length)
                    {
                        return Fail(DnsDiagnosticReason.PointerOutsideMessage, pos);
                    }

                    if (target < DnsHeader.Size)
                    {
                        return Fail(DnsDiagnosticReason.PointerIntoHeader, pos);
                    }

                    if (target == pos)
                    {
                        return Fail(DnsDiagnosticReason.CompressionLoop, pos);
                    }

                    // RFC 1035 §4.1.4: a pointer refers to a PRIOR occurrence. In strict mode keep following a forward
                    // pointer (bounded by the hop limit) only to tell a loop from a plain forward reference.
                    if (target > pos && !_allowForwardPointers && _forwardPointerOffset < 0)
                    {
                        _forwardPointerOffset = pos;
                    }

                    _position = target;
                    continue;

                default:
                    // 01 and 10 are reserved label types (RFC 1035 §4.1.4; 01 was EDNS's extended label, RFC 6891 §5).
                    return Fail(DnsDiagnosticReason.ReservedLabelType, pos);
            }
        }
    }

    private bool Fail(DnsDiagnosticReason reason, int offset)
    {
        _done = true;
        Current = default;
        Error = reason;
        ErrorOffset = offset;
        return false;
    }

    /// <summary>
    /// Finds where a name stored at <paramref name="offset"/> ends in place (after its terminating zero or its first
    /// pointer), without following pointers.
    /// </summary>
    internal static DnsDiagnosticReason TrySkip(ReadOnlySpan<byte> message, int offset, int end, out int next, out int errorOffset)
    {
        int pos = offset;
        int wire = 0;
        while (true)
        {
            if (pos >= end)
            {
                next = pos;
                errorOffset = pos;
                return DnsDiagnosticReason.NameTruncated;
            }

            byte b = message[pos];
            if (b == 0)
            {
                next = pos + 1;
                errorOffset = -1;
                return DnsDiagnosticReason.None;
            }

            switch (b & 0xC0)
            {
                case 0x00:
                    wire += 1 + b;
                    if (wire >= MaxNameWireLength)
                    {
                        next = pos;
                        errorOffset = pos;
                        return DnsDiagnosticReason.NameTooLong;
                    }

                    pos += 1 + b;
                    break;
                case 0xC0:
                    if (pos + 2 > end)
                    {
                        next = pos;
                        errorOffset = pos;
                        return DnsDiagnosticReason.NameTruncated;
                    }

                    next = pos + 2;
                    errorOffset = -1;
                    return DnsDiagnosticReason.None;
                default:
                    next = pos;
                    errorOffset = pos;
                    return DnsDiagnosticReason.ReservedLabelType;
            }
        }
    }
}
