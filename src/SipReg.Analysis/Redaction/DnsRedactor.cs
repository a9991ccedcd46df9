using System.Buffers.Binary;

namespace SipReg.Analysis.Redaction;

/// <summary>
/// Masks one DNS message in place: every label of every name (questions, owners, and the names inside NS, CNAME,
/// PTR, DNAME, MX, SRV, NAPTR and SOA data) with the same label mapping as SIP host names, and A/AAAA data with the
/// address mapping. Compression pointers and lengths are untouched (labels keep their length).
/// </summary>
internal sealed class DnsRedactor(TokenMasker tokens, AddressMapper? addresses)
{
    private const int MaxHops = 32;

    /// <summary>Masks the message in <c>message</c>; false when it is not a readable DNS message (left as far as it got).</summary>
    public bool Redact(Span<byte> message)
    {
        if (message.Length < 12)
        {
            return false;
        }

        var labels = new SortedSet<int>();
        var questions = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var records = BinaryPrimitives.ReadUInt16BigEndian(message[6..]) + BinaryPrimitives.ReadUInt16BigEndian(message[8..])
            + BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        var p = 12;
        var ok = true;
        for (var q = 0; q < questions && ok; q++)
        {
            ok = Name(message, ref p, labels) && (p += 4) <= message.Length;
        }

        var addressFields = new List<(int Offset, int Length)>();
        for (var r = 0; r < records && ok; r++)
        {
            if (!Name(message, ref p, labels) || p + 10 > message.Length)
            {
                ok = false;
                break;
            }

            var type = BinaryPrimitives.ReadUInt16BigEndian(message[p..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(message[(p + 8)..]);
            var data = p + 10;
            var end = data + length;
            if (end > message.Length)
            {
                ok = false;
                break;
            }

            var d = data;
            switch (type)
            {
                case 1 when length == 4:
                case 28 when length == 16:
                    addressFields.Add((data, length));
                    break;
                case 2 or 5 or 12 or 39:
                    Name(message, ref d, labels);
                    break;
                case 15:
                    d += 2;
                    Name(message, ref d, labels);
                    break;
                case 33:
                    d += 6;
                    Name(message, ref d, labels);
                    break;
                case 6:
                    if (Name(message, ref d, labels))
                    {
                        Name(message, ref d, labels);
                    }

                    break;
                case 35:
                    // RFC 3403 §4.1: order, preference, flags, services, regexp, replacement.
                    d += 4;
                    for (var s = 0; s < 3 && d < end; s++)
                    {
                        d += 1 + message[d];
                    }

                    if (d < end)
                    {
                        Name(message, ref d, labels);
                    }

                    break;
            }

            p = end;
        }

        foreach (var label in labels)
        {
            tokens.MaskLabelInPlace(message.Slice(label + 1, message[label]));
        }

        if (addresses is not null)
        {
            foreach (var (offset, length) in addressFields)
            {
                addresses.MapInPlace(message.Slice(offset, length));
            }
        }

        return ok;
    }

    /// <summary>Walks a name at <paramref name="p"/> (advancing past it), collecting label offsets, following pointers.</summary>
    private static bool Name(ReadOnlySpan<byte> message, ref int p, SortedSet<int> labels)
    {
        var position = p;
        var jumped = false;
        for (var hops = 0; hops < MaxHops * 8; hops++)
        {
            if (position >= message.Length)
            {
                return false;
            }

            var length = message[position];
            if (length == 0)
            {
                if (!jumped)
                {
                    p = position + 1;
                }

                return true;
            }

            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                {
                    return false;
                }

                if (!jumped)
                {
                    p = position + 2;
                }

                jumped = true;
                position = ((length & 0x3F) << 8) | message[position + 1];
                continue;
            }

            if ((length & 0xC0) != 0 || position + 1 + length > message.Length)
            {
                return false;
            }

            labels.Add(position);
            position += 1 + length;
        }

        return false;
    }
}
