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
        for (var e = SipSyntax.ReadFirstListElement(ref rest, (byte)',', true); !e.IsEmpty; e = SipSyntax.ReadListElement(ref rest, (byte)',', true))
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
                    entry.ParameterKind = KnownParameter.OfViaKind;
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

    /// <summary>
    /// Finds the first value of each parameter the typed readers look up (<see cref="KnownParameter"/>) in one pass over
    /// the value's parameter list, as <see cref="SipParameterEnumerator.TryFind"/> would find each of them. Done on the
    /// first lookup, not during validation, so a parse that reads no parameter does not pay for it.
    /// </summary>
    /// <returns>The slots found, with <see cref="KnownParameter.Kept"/> set.</returns>
    private int ReadKnownParameters(ref ValueEntry entry)
    {
        var via = entry.ParameterKind == KnownParameter.OfViaKind;
        var found = KnownParameter.Kept;
        Segment p0 = default, p1 = default, p2 = default, p3 = default;
        var rport = -1;
        foreach (var p in new SipParameterEnumerator(Slice(via ? entry.F : entry.C), (byte)';'))
        {
            var slot = via ? KnownParameter.OfVia(p.Name) : KnownParameter.OfAddress(p.Name);
            if (slot < 0 || (found & (1 << slot)) != 0)
            {
                continue;
            }

            found |= 1 << slot;
            var value = Locate(p.Value);
            switch (slot)
            {
                case 0:
                    p0 = value;
                    break;
                case 1:
                    p1 = value;
                    break;
                case 2:
                    p2 = value;
                    if (via)
                    {
                        // RFC 3581 §4: the port the server saw; a bare rport (the client's request for it) has none.
                        rport = p.HasValue && SipSyntax.TryParseDecimal(p.Value, 5, out var port) && port <= 65535 ? (int)port : -1;
                    }

                    break;
                default:
                    p3 = value;
                    break;
            }
        }

        entry.P0 = p0;
        entry.P1 = p1;
        entry.P2 = p2;
        entry.P3 = p3;
        entry.RPort = rport;

        // Published last: a reader on another thread that sees the flags also sees the values (they are the same
        // whichever thread wrote them).
        Volatile.Write(ref entry.Known, found);
        return found;
    }

    /// <summary>
    /// The kept value of a known parameter (<see cref="KnownParameter"/>) of the value at <paramref name="index"/>: the
    /// same as looking it up in the value's parameter list.
    /// </summary>
    /// <returns>True if the parameter is present (its value may be empty).</returns>
    internal bool TryGetKeptParameter(int index, int slot, out ReadOnlySpan<byte> value)
    {
        ref var v = ref _values[index];
        var known = Volatile.Read(ref v.Known);
        if (known == 0)
        {
            known = ReadKnownParameters(ref v);
        }

        value = Slice(slot switch { 0 => v.P0, 1 => v.P1, 2 => v.P2, _ => v.P3 });
        return (known & (1 << slot)) != 0;
    }

    /// <summary>The <c>rport</c> value of the Via kept at <paramref name="index"/>, or -1 (see <see cref="SipVia.RPort"/>).</summary>
    internal int KeptRPort(int index)
    {
        ref var v = ref _values[index];
        if (Volatile.Read(ref v.Known) == 0)
        {
            ReadKnownParameters(ref v);
        }

        return v.RPort;
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
        return new SipVia(Slice(v.A), Slice(v.B), Slice(v.C), Slice(v.D), v.Port, Slice(v.E), Slice(v.F), this, index);
    }

    internal SipNameAddress KeptNameAddress(int index)
    {
        ref readonly var v = ref _values[index];
        return new SipNameAddress(Slice(v.A), v.Quoted, v.Angle, Slice(v.B), Slice(v.C), this, index);
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

        // Which known parameters were found (bit per slot), with KnownParameter.Kept set once the list was read (on
        // the first lookup); their values in P0-P3, and the Via's rport value in RPort.
        public byte ParameterKind;
        public int Known;
        public int RPort;
        public Segment P0;
        public Segment P1;
        public Segment P2;
        public Segment P3;

        // Via: protocol name, version, transport, host, sent-by, parameters. name-addr: display name, URI, parameters.
        // CSeq: method.
        public Segment A;
        public Segment B;
        public Segment C;
        public Segment D;
        public Segment E;
        public Segment F;
    }

    /// <summary>
    /// The parameters a kept value keeps on their first lookup (the ones the typed readers and a registration analysis
    /// look up), by slot: Via <c>branch</c>, <c>received</c>, <c>rport</c>; name-addr <c>tag</c>, <c>expires</c>,
    /// <c>+sip.instance</c>, <c>reg-id</c>.
    /// </summary>
    internal static class KnownParameter
    {
        public const int Branch = 0;
        public const int Received = 1;
        public const int RPort = 2;
        public const int Tag = 0;
        public const int Expires = 1;
        public const int Instance = 2;
        public const int RegId = 3;

        /// <summary>Set in <see cref="ValueEntry.Known"/> once the parameters were read.</summary>
        public const int Kept = 1 << 8;

        /// <summary><see cref="ValueEntry.ParameterKind"/> of a Via value (any other is a name-addr).</summary>
        public const byte OfViaKind = 1;

        /// <summary>The slot of a Via parameter name (ASCII case-insensitive), or -1.</summary>
        public static int OfVia(ReadOnlySpan<byte> name) => name.Length switch
        {
            6 when SipSyntax.EqualsLowerIgnoreCase(name, "branch"u8) => Branch,
            8 when SipSyntax.EqualsLowerIgnoreCase(name, "received"u8) => Received,
            5 when SipSyntax.EqualsLowerIgnoreCase(name, "rport"u8) => RPort,
            _ => -1,
        };

        /// <summary>The slot of a From, To or Contact parameter name (ASCII case-insensitive), or -1.</summary>
        public static int OfAddress(ReadOnlySpan<byte> name) => name.Length switch
        {
            3 when SipSyntax.EqualsLowerIgnoreCase(name, "tag"u8) => Tag,
            7 when SipSyntax.EqualsLowerIgnoreCase(name, "expires"u8) => Expires,
            13 when SipSyntax.EqualsLowerIgnoreCase(name, "+sip.instance"u8) => Instance,
            6 when SipSyntax.EqualsLowerIgnoreCase(name, "reg-id"u8) => RegId,
            _ => -1,
        };
    }
}
