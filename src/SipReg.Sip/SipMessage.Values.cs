namespace SipReg.Sip;

/// <content>
/// Validation of the known header values, and the values it read, kept so that the typed readers do not parse the
/// same bytes a second time.
/// </content>
public sealed partial class SipMessage
{
    /// <summary>
    /// At most this many values are kept per message; the values of a field that does not fit are read again on demand
    /// (the result is the same, only slower), so a message of thousands of Via or Contact values cannot grow the table.
    /// </summary>
    internal const int MaxKeptValues = 256;

    /// <summary>Validates one field and keeps what it read; false if the value is malformed.</summary>
    private bool Validate(ref HeaderEntry h)
    {
        var value = _buffer.AsSpan(h.ValueOffset, h.ValueLength);
        switch (h.Name)
        {
            case SipHeaderName.CallId:
                return !value.IsEmpty;
            case SipHeaderName.CSeq:
            {
                var ok = SipCSeq.TryParse(value, out var cseq);
                var kept = KeepSingleValue(ref h);
                if (kept >= 0)
                {
                    _values[kept].Ok = ok;
                    _values[kept].Number = cseq.Number;
                    _values[kept].A = Locate(cseq.Method);
                }

                return ok;
            }

            case SipHeaderName.From:
            case SipHeaderName.To:
            {
                var ok = SipNameAddress.TryParse(value, out var address);
                var kept = KeepSingleValue(ref h);
                if (kept >= 0)
                {
                    Keep(ref _values[kept], ok, address);
                }

                return ok;
            }

            case SipHeaderName.Expires:
            case SipHeaderName.MinExpires:
            {
                var ok = SipSyntax.TryParseDeltaSeconds(value, out var seconds);
                var kept = KeepSingleValue(ref h);
                if (kept >= 0)
                {
                    _values[kept].Ok = ok;
                    _values[kept].Number = seconds;
                }

                return ok;
            }

            case SipHeaderName.Via:
            case SipHeaderName.Contact:
                // RFC 3261 §20.42, §20.10: at least one value.
                return ValidateList(ref h, value, out var any) && any;
            case SipHeaderName.Route:
            case SipHeaderName.RecordRoute:
            case SipHeaderName.Path:
            case SipHeaderName.ServiceRoute:
                return ValidateList(ref h, value, out _);
            default:
                return true;
        }
    }

    /// <summary>Reads every element of a comma-separated field (RFC 3261 §7.3.1), keeping each while there is room.</summary>
    /// <returns>True if every element is well formed.</returns>
    private bool ValidateList(ref HeaderEntry h, ReadOnlySpan<byte> value, out bool any)
    {
        var allOk = true;
        var keeping = true;
        h.FirstValue = _valueCount;
        any = false;
        var rest = value;
        for (var e = SipSyntax.ReadListElement(ref rest, (byte)',', true); !e.IsEmpty; e = SipSyntax.ReadListElement(ref rest, (byte)',', true))
        {
            any = true;
            bool ok;
            if (h.Name == SipHeaderName.Via)
            {
                ok = SipVia.TryParse(e, out var via);
                if (keeping && _valueCount < MaxKeptValues)
                {
                    ref var entry = ref NewValue();
                    entry.Ok = ok;
                    entry.Port = via.Port;
                    entry.A = Locate(via.ProtocolName);
                    entry.B = Locate(via.ProtocolVersion);
                    entry.C = Locate(via.Transport);
                    entry.D = Locate(via.Host);
                    entry.E = Locate(via.SentBy);
                    entry.F = Locate(via.Parameters);
                }
                else
                {
                    keeping = false;
                }
            }
            else if (h.Name == SipHeaderName.Contact)
            {
                ok = SipContact.TryParse(e, out var contact);
                if (keeping && _valueCount < MaxKeptValues)
                {
                    ref var entry = ref NewValue();
                    Keep(ref entry, ok, contact.Address);
                    entry.Star = contact.IsStar;
                }
                else
                {
                    keeping = false;
                }
            }
            else
            {
                ok = SipNameAddress.TryParse(e, out var address);
                if (keeping && _valueCount < MaxKeptValues)
                {
                    Keep(ref NewValue(), ok, address);
                }
                else
                {
                    keeping = false;
                }
            }

            allOk &= ok;
        }

        if (keeping)
        {
            h.ValueCount = _valueCount - h.FirstValue;
        }
        else
        {
            // Part of the field did not fit: it is read on demand instead, and its room goes to the next field.
            _valueCount = h.FirstValue;
            h.FirstValue = -1;
        }

        return allOk;
    }

    /// <summary>Makes room for the one value of a single-valued field; its 0-based index, or -1 when the table is full.</summary>
    private int KeepSingleValue(ref HeaderEntry h)
    {
        if (_valueCount >= MaxKeptValues)
        {
            return -1;
        }

        h.FirstValue = _valueCount;
        h.ValueCount = 1;
        NewValue();
        return h.FirstValue;
    }

    private ref ValueEntry NewValue()
    {
        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, Math.Min(MaxKeptValues, _values.Length * 2));
        }

        ref var entry = ref _values[_valueCount++];
        entry = default;
        return ref entry;
    }

    private void Keep(ref ValueEntry entry, bool ok, SipNameAddress address)
    {
        entry.Ok = ok;
        entry.Quoted = address.IsDisplayNameQuoted;
        entry.Angle = address.HasAngleBrackets;
        entry.A = Locate(address.DisplayName);
        entry.B = Locate(address.Uri);
        entry.C = Locate(address.Parameters);
    }

    /// <summary>Where a slice of the message bytes starts; an empty slice reads back as empty from anywhere.</summary>
    private Segment Locate(ReadOnlySpan<byte> part) =>
        _buffer.AsSpan(0, _length).Overlaps(part, out var offset) ? new Segment(offset, part.Length) : default;

    /// <summary>The kept values of a field: 0-based index of the first and the count; false when the field's values were not kept.</summary>
    internal bool TryGetKeptValues(int field, out int first, out int count)
    {
        first = _headers[field].FirstValue;
        count = _headers[field].ValueCount;
        return first >= 0;
    }

    /// <summary>Whether the kept value at <paramref name="index"/> was well formed.</summary>
    internal bool IsKeptValueValid(int index) => _values[index].Ok;

    internal SipVia KeptVia(int index)
    {
        ref readonly var v = ref _values[index];
        return new SipVia(Slice(v.A), Slice(v.B), Slice(v.C), Slice(v.D), v.Port, Slice(v.E), Slice(v.F));
    }

    internal SipNameAddress KeptNameAddress(int index)
    {
        ref readonly var v = ref _values[index];
        return new SipNameAddress(Slice(v.A), v.Quoted, v.Angle, Slice(v.B), Slice(v.C));
    }

    internal SipContact KeptContact(int index) =>
        _values[index].Star ? new SipContact(true, default) : new SipContact(false, KeptNameAddress(index));

    /// <summary>What validation read from one value; which fields are used depends on the header.</summary>
    private struct ValueEntry
    {
        public bool Ok;
        public bool Star;
        public bool Quoted;
        public bool Angle;
        public int Port;
        public uint Number;

        // Via: protocol name, version, transport, host, sent-by, parameters. name-addr: display name, URI, parameters.
        // CSeq: method.
        public Segment A;
        public Segment B;
        public Segment C;
        public Segment D;
        public Segment E;
        public Segment F;
    }
}
