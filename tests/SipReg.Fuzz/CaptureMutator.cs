using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SipReg.Fuzz;

/// <summary>What a mutation did to a capture.</summary>
internal enum MutationKind
{
    BitFlips,
    Truncate,
    RecordLengthLie,
    DuplicateRecords,
    DropRecords,
    ReorderRecords,
    GiantLength,
    SipContentLength,
    SipHeaderBomb,
    SipFoldedLines,
    DnsPointers,
}

/// <summary>A mutated capture and a description of what was done to it, enough to recognise it in a failure report.</summary>
/// <param name="Bytes">The capture to feed to the pipeline.</param>
/// <param name="Mutations">The mutations applied, in order, each with its parameters.</param>
internal sealed record MutatedCapture(byte[] Bytes, string Mutations);

/// <summary>
/// Turns a corpus capture into a hostile variant: container damage (bit flips, truncation, record and block length lies,
/// giant lengths, duplicated, dropped and reordered records), protocol damage rewritten with consistent lengths into
/// classic pcap records and pcapng Enhanced Packet Blocks (SIP Content-Length extremes, header bombs, endless folded
/// lines, DNS compression pointer loops), and sometimes gzip (intact or corrupt). The same bytes and seed always give the same result.
/// </summary>
internal static class CaptureMutator
{
    private static readonly MutationKind[] s_kinds = Enum.GetValues<MutationKind>();

    private static readonly string[] s_contentLengths =
    [
        "0", "4294967295", "-1", "18446744073709551616", "99999999999999999999999999", "2147483648", "65536", "abc", "",
        "1 2", "0x10", "+5", "1.5", "\t7", "00000000000000000000000000012", "-0", "9223372036854775807",
    ];

    private static readonly string[] s_bombHeaders =
    [
        "X-Bomb: y", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-bomb", "Contact: <sip:bomb@10.0.0.1>;expires=60",
        "Route: <sip:10.0.0.2;lr>", "l: 0", "Record-Route: <sip:rr@10.0.0.3;lr>", "WWW-Authenticate: Digest realm=\"x\", nonce=\"y\"",
        "Supported: path, outbound, gruu", "Expires: 3600", "CSeq: 1 REGISTER",
    ];

    /// <summary>Mutates <paramref name="capture"/> with one to three mutations chosen by <paramref name="random"/>.</summary>
    /// <param name="capture">A capture's bytes (not changed).</param>
    /// <param name="random">The source of every choice; seed it to replay.</param>
    /// <returns>The mutated capture.</returns>
    public static MutatedCapture Mutate(byte[] capture, Random random)
    {
        byte[] data = capture;
        var applied = new List<string>();
        int count = 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        for (int i = 0; i < count; i++)
        {
            var kind = s_kinds[random.Next(s_kinds.Length)];
            (data, string what) = Apply(kind, data, random);
            applied.Add(what);
        }

        if (random.Next(12) == 0)
        {
            data = Gzip(data);
            string what = "gzip";
            if (random.Next(3) == 0)
            {
                (data, string damage) = random.Next(2) == 0 ? Truncate(data, random) : BitFlips(data, random);
                what += "+" + damage;
            }

            applied.Add(what);
        }

        return new MutatedCapture(data, string.Join(" + ", applied));
    }

    /// <summary>Applies one mutation of the given kind; kinds that need a structure the input lacks fall back to bit flips.</summary>
    public static (byte[] Data, string What) Apply(MutationKind kind, byte[] data, Random random)
    {
        var layout = CaptureLayout.Parse(data);
        var result = kind switch
        {
            MutationKind.BitFlips => BitFlips(data, random),
            MutationKind.Truncate => Truncate(data, random),
            MutationKind.RecordLengthLie => LengthLie(data, layout, random),
            MutationKind.DuplicateRecords => Duplicate(data, layout, random),
            MutationKind.DropRecords => Drop(data, layout, random),
            MutationKind.ReorderRecords => Reorder(data, layout, random),
            MutationKind.GiantLength => GiantLength(data, layout, random),
            MutationKind.SipContentLength or MutationKind.SipHeaderBomb or MutationKind.SipFoldedLines or MutationKind.DnsPointers =>
                Payload(kind, data, layout, random),
            _ => null,
        };
        return result ?? BitFlips(data, random);
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static (byte[], string) BitFlips(byte[] data, Random random)
    {
        byte[] copy = (byte[])data.Clone();
        if (copy.Length == 0)
        {
            return (copy, "bitflip(empty)");
        }

        int flips = 1 + (random.Next(3) == 0 ? random.Next(1, 64) : random.Next(4));
        // A tenth of the time aim at the first 64 bytes, where the file and first record headers live.
        int span = random.Next(10) == 0 ? Math.Min(64, copy.Length) : copy.Length;
        for (int i = 0; i < flips; i++)
        {
            int at = random.Next(span);
            switch (random.Next(8))
            {
                case 0:
                    copy[at] = 0;
                    break;
                case 1:
                    copy[at] = 0xFF;
                    break;
                case 2:
                    copy[at] = (byte)random.Next(256);
                    break;
                default:
                    copy[at] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }

        return (copy, $"bitflip({flips})");
    }

    private static (byte[], string) Truncate(byte[] data, Random random)
    {
        int at = random.Next(data.Length + 1);
        return (data[..at], $"truncate(at {at} of {data.Length})");
    }

    private static (byte[], string)? LengthLie(byte[] data, CaptureLayout layout, Random random)
    {
        if (layout.Records.Count == 0)
        {
            return null;
        }

        byte[] copy = (byte[])data.Clone();
        var record = layout.Records[random.Next(layout.Records.Count)];
        bool be = record.BigEndian;
        if (layout.Container == CaptureContainer.Pcap)
        {
            if (random.Next(10) == 0)
            {
                uint snap = (uint)(random.Next(3) switch { 0 => 0, 1 => random.Next(1, 64), _ => random.Next() });
                CaptureLayout.Write32(copy.AsSpan(16), snap, be);
                return (copy, $"snaplen-lie({snap})");
            }

            bool orig = random.Next(3) == 0;
            int field = record.Offset + (orig ? 12 : 8);
            uint current = CaptureLayout.Read32(copy.AsSpan(field), be);
            uint lie = Lie(current, random, 1);
            CaptureLayout.Write32(copy.AsSpan(field), lie, be);
            return (copy, $"{(orig ? "orig_len" : "incl_len")}-lie(record at {record.Offset}: {current} -> {lie})");
        }

        int choice = random.Next(4);
        if (choice == 3 && record.BlockType == 6 && record.Length >= 32)
        {
            int field = record.Offset + 20;
            uint current = CaptureLayout.Read32(copy.AsSpan(field), be);
            uint lie = Lie(current, random, 1);
            CaptureLayout.Write32(copy.AsSpan(field), lie, be);
            return (copy, $"epb-caplen-lie(block at {record.Offset}: {current} -> {lie})");
        }

        uint length = (uint)record.Length;
        uint value = Lie(length, random, 4);
        if (choice != 1)
        {
            CaptureLayout.Write32(copy.AsSpan(record.Offset + 4), value, be);
        }

        if (choice != 0)
        {
            CaptureLayout.Write32(copy.AsSpan(record.Offset + record.Length - 4), value, be);
        }

        string which = choice switch { 0 => "leading", 1 => "trailing", _ => "both" };
        return (copy, $"block-length-lie({which}, block type 0x{record.BlockType:X} at {record.Offset}: {length} -> {value})");
    }

    /// <summary>A plausible-looking wrong length near <paramref name="current"/>, or an absurd one.</summary>
    private static uint Lie(uint current, Random random, int step) => random.Next(9) switch
    {
        0 => 0,
        1 => current + (uint)(step * random.Next(1, 5)),
        2 => current - (uint)(step * random.Next(1, 5)),
        3 => current + 1,
        4 => current - 1,
        5 => (uint)random.Next(0, 65536),
        6 => 12,
        7 => (uint)random.Next(),
        _ => current * 2,
    };

    private static (byte[], string)? GiantLength(byte[] data, CaptureLayout layout, Random random)
    {
        byte[] copy = (byte[])data.Clone();
        var fields = new List<(int Offset, bool BigEndian, string Name)>();
        foreach (var record in layout.Records)
        {
            fields.Add((record.LengthFieldOffset, record.BigEndian, layout.Container == CaptureContainer.Pcap ? "incl_len" : "block length"));
            if (layout.Container == CaptureContainer.Pcap)
            {
                fields.Add((record.Offset + 12, record.BigEndian, "orig_len"));
            }
            else
            {
                fields.Add((record.Offset + record.Length - 4, record.BigEndian, "trailing block length"));
                if (record.BlockType == 6 && record.Length >= 32)
                {
                    fields.Add((record.Offset + 20, record.BigEndian, "epb caplen"));
                }
            }
        }

        if (layout.Container == CaptureContainer.Pcap)
        {
            fields.Add((16, layout.BigEndian, "snaplen"));
        }

        if (fields.Count == 0 || random.Next(5) == 0)
        {
            if (copy.Length < 4)
            {
                return null;
            }

            fields.Add((random.Next(copy.Length - 3), random.Next(2) == 0, "random offset"));
            var pick = fields[^1];
            return Giant(copy, pick, random);
        }

        return Giant(copy, fields[random.Next(fields.Count)], random);
    }

    private static (byte[], string) Giant(byte[] copy, (int Offset, bool BigEndian, string Name) field, Random random)
    {
        uint current = CaptureLayout.Read32(copy.AsSpan(field.Offset), field.BigEndian);
        uint value = random.Next(5) switch
        {
            0 => 0xFFFF_FFFF,
            1 => 0x7FFF_FFFF,
            2 => 0x8000_0000,
            3 => 0xFFFF_FFF0,
            _ => unchecked(current * 2),
        };
        CaptureLayout.Write32(copy.AsSpan(field.Offset), value, field.BigEndian);
        return (copy, $"giant-length({field.Name} at {field.Offset}: {current} -> 0x{value:X8})");
    }

    private static (byte[], string)? Duplicate(byte[] data, CaptureLayout layout, Random random)
    {
        if (layout.Records.Count == 0)
        {
            return null;
        }

        var order = Enumerable.Range(0, layout.Records.Count).ToList();
        int copies = 1 + random.Next(random.Next(4) == 0 ? 200 : 4);
        int index = random.Next(order.Count);
        bool adjacent = random.Next(2) == 0;
        for (int i = 0; i < copies; i++)
        {
            int source = adjacent ? index : random.Next(layout.Records.Count);
            int insertAt = adjacent ? index + 1 : random.Next(1, order.Count + 1);
            order.Insert(insertAt, source);
        }

        return (Rebuild(data, layout, order), $"duplicate({copies} records, {(adjacent ? "adjacent copies of record " + index : "scattered")})");
    }

    private static (byte[], string)? Drop(byte[] data, CaptureLayout layout, Random random)
    {
        if (layout.Records.Count < 2)
        {
            return null;
        }

        var order = Enumerable.Range(0, layout.Records.Count).ToList();
        int drops = Math.Min(order.Count - 1, 1 + random.Next(random.Next(4) == 0 ? order.Count : 3));
        for (int i = 0; i < drops; i++)
        {
            // pcapng: keep the Section Header Block most of the time so the rest is still read.
            int first = layout.Container == CaptureContainer.PcapNg && random.Next(10) != 0 ? 1 : 0;
            if (order.Count <= first)
            {
                break;
            }

            order.RemoveAt(random.Next(first, order.Count));
        }

        return (Rebuild(data, layout, order), $"drop({drops} records)");
    }

    private static (byte[], string)? Reorder(byte[] data, CaptureLayout layout, Random random)
    {
        if (layout.Records.Count < 3)
        {
            return null;
        }

        var order = Enumerable.Range(0, layout.Records.Count).ToList();
        int first = layout.Container == CaptureContainer.PcapNg ? 1 : 0;
        if (random.Next(3) == 0)
        {
            // Shuffle a window.
            int start = random.Next(first, order.Count - 1);
            int length = Math.Min(order.Count - start, 2 + random.Next(32));
            var window = order.GetRange(start, length);
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window));
            order.RemoveRange(start, length);
            order.InsertRange(start, window);
            return (Rebuild(data, layout, order), $"reorder(shuffle {length} records from {start})");
        }

        int swaps = 1 + random.Next(8);
        for (int i = 0; i < swaps; i++)
        {
            int a = random.Next(first, order.Count);
            int b = random.Next(first, order.Count);
            (order[a], order[b]) = (order[b], order[a]);
        }

        return (Rebuild(data, layout, order), $"reorder({swaps} swaps)");
    }

    private static byte[] Rebuild(byte[] data, CaptureLayout layout, List<int> order)
    {
        using var output = new MemoryStream(data.Length + 1024);
        output.Write(data, 0, layout.HeaderLength);
        foreach (int i in order)
        {
            var r = layout.Records[i];
            output.Write(data, r.Offset, r.Length);
        }

        output.Write(data, layout.End, data.Length - layout.End);
        return output.ToArray();
    }

    private static (byte[], string)? Payload(MutationKind kind, byte[] data, CaptureLayout layout, Random random)
    {
        // Candidate records: SIP text for SIP mutations, UDP port 53/5353/5355 for DNS; classic pcap records and pcapng
        // Enhanced Packet Blocks, whose lengths can be rewritten.
        var candidates = new List<(int Record, PacketLocation Location)>();
        for (int i = 0; i < layout.Records.Count; i++)
        {
            if (!TryGetPacket(data, layout.Container, layout.Records[i], out int start, out int length))
            {
                continue;
            }

            var packet = data.AsSpan(start, length);
            if (PacketLocation.Find(packet) is not { } location)
            {
                continue;
            }

            var payload = packet[location.PayloadOffset..location.PayloadEnd];
            bool wanted = kind == MutationKind.DnsPointers
                ? location.IsUdp && payload.Length >= 12 && location.IsDnsPort
                : payload.IndexOf("SIP/2.0"u8) is >= 0 and < 256;
            if (wanted)
            {
                candidates.Add((i, location));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        var (index, where) = candidates[random.Next(candidates.Count)];
        var record = layout.Records[index];
        TryGetPacket(data, layout.Container, record, out int packetStart, out int packetLength);
        byte[] packetBytes = data.AsSpan(packetStart, packetLength).ToArray();
        byte[] oldPayload = packetBytes[where.PayloadOffset..where.PayloadEnd];
        (byte[] newPayload, string what) = kind switch
        {
            MutationKind.SipContentLength => ContentLength(oldPayload, random),
            MutationKind.SipHeaderBomb => HeaderBomb(oldPayload, random),
            MutationKind.SipFoldedLines => FoldedLines(oldPayload, random),
            _ => DnsPointers(oldPayload, random),
        };

        // Most of the time keep IP and UDP lengths consistent so the message reaches the SIP/DNS parser; sometimes not.
        bool fixLengths = random.Next(5) != 0;
        byte[] packetOut = where.Replace(packetBytes, newPayload, fixLengths);
        using var output = new MemoryStream(data.Length + packetOut.Length + 64);
        output.Write(data, 0, record.Offset);
        if (layout.Container == CaptureContainer.Pcap)
        {
            byte[] header = data.AsSpan(record.Offset, 16).ToArray();
            CaptureLayout.Write32(header.AsSpan(8), (uint)packetOut.Length, record.BigEndian);
            CaptureLayout.Write32(header.AsSpan(12), (uint)packetOut.Length, record.BigEndian);
            output.Write(header);
            output.Write(packetOut);
        }
        else
        {
            // Enhanced Packet Block: 28-byte head, data padded to 32 bits, the old options, trailing total length.
            int padded = (packetOut.Length + 3) & ~3;
            int oldPadded = (packetLength + 3) & ~3;
            int optionsStart = record.Offset + 28 + oldPadded;
            int optionsLength = record.Offset + record.Length - 4 - optionsStart;
            uint total = (uint)(28 + padded + optionsLength + 4);
            byte[] head = data.AsSpan(record.Offset, 28).ToArray();
            CaptureLayout.Write32(head.AsSpan(4), total, record.BigEndian);
            CaptureLayout.Write32(head.AsSpan(20), (uint)packetOut.Length, record.BigEndian);
            CaptureLayout.Write32(head.AsSpan(24), (uint)packetOut.Length, record.BigEndian);
            output.Write(head);
            output.Write(packetOut);
            output.Write(new byte[padded - packetOut.Length]);
            output.Write(data, optionsStart, optionsLength);
            byte[] trailer = new byte[4];
            CaptureLayout.Write32(trailer, total, record.BigEndian);
            output.Write(trailer);
        }

        output.Write(data, record.Offset + record.Length, data.Length - record.Offset - record.Length);
        return (output.ToArray(), $"{what} (record {index + 1}{(layout.Container == CaptureContainer.Pcap ? "" : ", pcapng EPB")}{(fixLengths ? "" : ", IP/UDP lengths left stale")})");
    }

    /// <summary>Where the captured packet of a pcap record or pcapng Enhanced Packet Block is.</summary>
    private static bool TryGetPacket(byte[] data, CaptureContainer container, CaptureRecord record, out int start, out int length)
    {
        // A pcapng block whose type a bit flip turned into 0 is not a pcap record.
        if (container == CaptureContainer.Pcap)
        {
            (start, length) = (record.Offset + 16, record.Length - 16);
            return true;
        }

        (start, length) = (record.Offset + 28, 0);
        if (record.BlockType != 6 || record.Length < 32)
        {
            return false;
        }

        uint caplen = CaptureLayout.Read32(data.AsSpan(record.Offset + 20), record.BigEndian);
        if (caplen > (uint)(record.Length - 32))
        {
            return false;
        }

        length = (int)caplen;
        return true;
    }

    private static (byte[], string) ContentLength(byte[] payload, Random random)
    {
        string value = s_contentLengths[random.Next(s_contentLengths.Length)];
        string text = Encoding.Latin1.GetString(payload);
        int at = FindHeader(text, "content-length");
        if (at < 0)
        {
            at = FindHeader(text, "l");
        }

        if (at >= 0)
        {
            int colon = text.IndexOf(':', at);
            int end = text.IndexOf("\r\n", colon, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end;
            text = string.Concat(text.AsSpan(0, colon + 1), " ", value, text.AsSpan(end));
        }
        else
        {
            text = InsertAfterStartLine(text, "Content-Length: " + value + "\r\n");
        }

        return (Encoding.Latin1.GetBytes(text), $"sip-content-length({value})");
    }

    private static (byte[], string) HeaderBomb(byte[] payload, Random random)
    {
        string text = Encoding.Latin1.GetString(payload);
        string header;
        if (random.Next(5) == 0)
        {
            // One header holding thousands of comma-separated values.
            var list = new StringBuilder("Contact: ");
            int values = 1000 + random.Next(3000);
            for (int i = 0; i < values; i++)
            {
                list.Append(i == 0 ? "" : ",").Append("<sip:c").Append(i).Append("@10.0.0.1>");
            }

            return (Encoding.Latin1.GetBytes(InsertAfterStartLine(text, list.Append("\r\n").ToString())), $"sip-header-bomb(Contact list x{values})");
        }

        header = s_bombHeaders[random.Next(s_bombHeaders.Length)] + "\r\n";
        // Stay below an IPv4 datagram's 65,535 bytes most of the time, so the bomb reaches the parser whole.
        int room = Math.Max(1, (63_000 - payload.Length) / header.Length);
        int times = random.Next(4) == 0 ? 1000 + random.Next(20_000) : Math.Min(1000 + random.Next(10_000), room);
        var sb = new StringBuilder(header.Length * times);
        for (int i = 0; i < times; i++)
        {
            sb.Append(header);
        }

        return (Encoding.Latin1.GetBytes(InsertAfterStartLine(text, sb.ToString())), $"sip-header-bomb({header.TrimEnd()} x{times})");
    }

    private static (byte[], string) FoldedLines(byte[] payload, Random random)
    {
        string text = Encoding.Latin1.GetString(payload);
        int lines = random.Next(4) == 0 ? 10_000 + random.Next(20_000) : Math.Min(1000 + random.Next(10_000), Math.Max(1, (63_000 - payload.Length) / 5));
        string fold = random.Next(2) == 0 ? "\r\n a" : "\r\n\tb";
        var sb = new StringBuilder("Subject: start");
        for (int i = 0; i < lines; i++)
        {
            sb.Append(fold);
        }

        string what = $"sip-folded-lines({lines})";
        if (random.Next(3) == 0)
        {
            // Never end the header block: the folding runs to the end of the packet.
            int start = text.IndexOf("\r\n", StringComparison.Ordinal);
            text = start < 0 ? text : text[..(start + 2)];
            text += sb.ToString();
            what += ", no blank line";
        }
        else
        {
            text = InsertAfterStartLine(text, sb.Append("\r\n").ToString());
        }

        return (Encoding.Latin1.GetBytes(text), what);
    }

    private static (byte[], string) DnsPointers(byte[] payload, Random random)
    {
        byte[] copy = (byte[])payload.Clone();
        int pointers = 1 + random.Next(4);
        var kinds = new List<string>();
        int previous = 12;
        for (int i = 0; i < pointers && copy.Length >= 14; i++)
        {
            int at = 12 + random.Next(copy.Length - 13);
            int target;
            string kind;
            switch (random.Next(5))
            {
                case 0:
                    target = at;
                    kind = "self";
                    break;
                case 1:
                    target = Math.Min(0x3FFF, at + 2 + random.Next(Math.Max(1, copy.Length - at)));
                    kind = "forward";
                    break;
                case 2:
                    target = Math.Min(0x3FFF, copy.Length + random.Next(0x3FFF - Math.Min(0x3FFF, copy.Length) + 1));
                    kind = "outside";
                    break;
                case 3:
                    target = previous;
                    kind = "previous";
                    break;
                default:
                    target = 12;
                    kind = "question";
                    break;
            }

            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at), (ushort)(0xC000 | (target & 0x3FFF)));
            kinds.Add($"{kind}@{at}->{target}");
            previous = at;
        }

        if (random.Next(4) == 0)
        {
            // Counts that promise far more records than the message holds.
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(4 + 2 * random.Next(4)), 0xFFFF);
            kinds.Add("count=0xFFFF");
        }

        return (copy, $"dns-pointers({string.Join(", ", kinds)})");
    }

    /// <summary>Offset of the header line named <paramref name="name"/> (case-insensitive), or -1.</summary>
    private static int FindHeader(string text, string name)
    {
        int from = 0;
        while (true)
        {
            int at = text.IndexOf("\r\n" + name, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }

            int after = at + 2 + name.Length;
            while (after < text.Length && text[after] is ' ' or '\t')
            {
                after++;
            }

            if (after < text.Length && text[after] == ':')
            {
                return at + 2;
            }

            from = at + 2;
        }
    }

    private static string InsertAfterStartLine(string text, string headers)
    {
        int at = text.IndexOf("\r\n", StringComparison.Ordinal);
        return at < 0 ? text + "\r\n" + headers : text.Insert(at + 2, headers);
    }
}
