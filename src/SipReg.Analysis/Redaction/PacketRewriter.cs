using System.Buffers.Binary;
using SipReg.Pcap;

namespace SipReg.Analysis.Redaction;

/// <summary>One captured packet held for redaction: its original bytes, the bytes being rewritten, and checksum fix-ups.</summary>
internal sealed class HeldPacket(byte[] data, long timestampNanoseconds, bool hasTimestamp, int interfaceIndex, int originalLength, LinkType linkType)
{
    public byte[] Data { get; } = data;

    public byte[] Original { get; } = (byte[])data.Clone();

    public long TimestampNanoseconds { get; } = timestampNanoseconds;

    public bool HasTimestamp { get; } = hasTimestamp;

    public int InterfaceIndex { get; } = interfaceIndex;

    public int OriginalLength { get; } = originalLength;

    public LinkType LinkType { get; } = linkType;

    /// <summary>Why the packet could not be walked, or null.</summary>
    public string? Unchanged { get; set; }

    public List<ChecksumFix> Fixes { get; } = [];
}

/// <summary>What a checksum covers, to update it incrementally (RFC 1624) once every byte has been rewritten.</summary>
internal enum ChecksumKind
{
    IPv4Header,
    Udp,
    Pseudo,
    Plain,
    Crc32C,
}

/// <summary>A checksum field and what it covers.</summary>
internal sealed record ChecksumFix(ChecksumKind Kind, int Field, int Start, int End, int Source = 0, int Destination = 0, int AddressLength = 0)
{
    /// <summary>Other packets' bytes the checksum also covers (the later fragments of a fragmented datagram).</summary>
    public List<(HeldPacket Packet, int Start, int End)> Extra { get; } = [];
}

/// <summary>
/// Walks link, IP and transport headers of held packets in place: maps header addresses, masks SIP and DNS payloads
/// (UDP datagrams, reassembled IP fragments and TCP streams) and finally updates every checksum incrementally.
/// </summary>
internal sealed class PacketRewriter(TokenMasker tokens, AddressMapper? addresses)
{
    private const int MaxDepth = 6;
    private const int VxlanPort = 4789;

    private readonly SipTextRedactor _sip = new(tokens, addresses);
    private readonly DnsRedactor _dns = new(tokens, addresses);
    private readonly Dictionary<string, List<Fragment>> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Segment>> _streams = new(StringComparer.Ordinal);

    /// <summary>Why payloads were left unmasked, with counts.</summary>
    public Dictionary<string, long> Notes { get; } = new(StringComparer.Ordinal);

    public void Walk(HeldPacket packet)
    {
        var data = packet.Data;
        switch (packet.LinkType)
        {
            case LinkType.Ethernet:
                Ethernet(packet, 0, 0);
                break;
            case LinkType.LinuxSll when data.Length >= 16:
                EtherType(packet, BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(14)), 16, 0);
                break;
            case LinkType.LinuxSll2 when data.Length >= 20:
                EtherType(packet, BinaryPrimitives.ReadUInt16BigEndian(data), 20, 0);
                break;
            case LinkType.Raw or LinkType.RawBsd or LinkType.RawOpenBsd or LinkType.IPv4 or LinkType.IPv6:
                Ip(packet, 0, data.Length, 0, inner: false);
                break;
            case LinkType.Null or LinkType.Loop when data.Length >= 4:
                Ip(packet, 4, data.Length, 0, inner: false);
                break;
            default:
                packet.Unchanged = "unsupported link type " + (int)packet.LinkType;
                break;
        }
    }

    /// <summary>After every packet is walked: masks reassembled fragments and TCP streams, then fixes checksums.</summary>
    public void Complete(IReadOnlyList<HeldPacket> packets)
    {
        foreach (var group in _fragments.Values)
        {
            Reassemble(group);
        }

        foreach (var segments in _streams.Values)
        {
            Stream(segments);
        }

        foreach (var packet in packets)
        {
            for (var i = packet.Fixes.Count - 1; i >= 0; i--)
            {
                Apply(packet, packet.Fixes[i]);
            }
        }
    }

    private void Note(string reason) => Notes[reason] = Notes.GetValueOrDefault(reason) + 1;

    private void Ethernet(HeldPacket packet, int offset, int depth)
    {
        if (offset + 14 > packet.Data.Length)
        {
            packet.Unchanged ??= "truncated link-layer header";
            return;
        }

        EtherType(packet, BinaryPrimitives.ReadUInt16BigEndian(packet.Data.AsSpan(offset + 12)), offset + 14, depth);
    }

    private void EtherType(HeldPacket packet, int type, int offset, int depth)
    {
        var data = packet.Data;
        while (true)
        {
            switch (type)
            {
                case 0x8100 or 0x88A8 or 0x9100 when offset + 4 <= data.Length:
                    type = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 2));
                    offset += 4;
                    continue;
                case 0x8864 when offset + 8 <= data.Length:
                    // RFC 2516 PPPoE session: 6-byte header, then the PPP protocol (IPv4 0x0021, IPv6 0x0057).
                    var ppp = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 6));
                    if (ppp is 0x0021 or 0x0057)
                    {
                        Ip(packet, offset + 8, data.Length, depth, inner: false);
                    }

                    return;
                case 0x8847 or 0x8848:
                    // RFC 3032: labels until the bottom-of-stack bit; the payload's version nibble tells IPv4 from IPv6.
                    while (offset + 4 <= data.Length && (data[offset + 2] & 1) == 0)
                    {
                        offset += 4;
                    }

                    offset += 4;
                    if (offset < data.Length && (data[offset] >> 4) is 4 or 6)
                    {
                        Ip(packet, offset, data.Length, depth, inner: false);
                    }

                    return;
                case 0x0800 or 0x86DD:
                    Ip(packet, offset, data.Length, depth, inner: false);
                    return;
                case 0x0806 when offset + 28 <= data.Length && addresses is not null:
                    // RFC 826 for IPv4 over Ethernet: sender and target protocol addresses.
                    if (data[offset + 4] == 6 && data[offset + 5] == 4)
                    {
                        addresses.MapInPlace(data.AsSpan(offset + 14, 4));
                        addresses.MapInPlace(data.AsSpan(offset + 24, 4));
                    }

                    return;
                default:
                    packet.Unchanged ??= "not IP";
                    return;
            }
        }
    }

    private void Ip(HeldPacket packet, int offset, int end, int depth, bool inner)
    {
        var data = packet.Data;
        if (depth > MaxDepth || offset >= end)
        {
            packet.Unchanged ??= "truncated IP header";
            return;
        }

        var version = data[offset] >> 4;
        if (version == 4)
        {
            IPv4(packet, offset, end, depth, inner);
        }
        else if (version == 6)
        {
            IPv6(packet, offset, end, depth, inner);
        }
        else
        {
            packet.Unchanged ??= "not IP";
        }
    }

    private void IPv4(HeldPacket packet, int offset, int end, int depth, bool inner)
    {
        var data = packet.Data;
        var headerLength = (data[offset] & 15) * 4;
        if (headerLength < 20 || offset + 20 > end)
        {
            packet.Unchanged ??= "truncated IP header";
            return;
        }

        MapAddress(data, offset + 12, 4);
        MapAddress(data, offset + 16, 4);
        if (offset + headerLength > end)
        {
            packet.Fixes.Add(new ChecksumFix(ChecksumKind.IPv4Header, offset + 10, offset, end));
            return;
        }

        packet.Fixes.Add(new ChecksumFix(ChecksumKind.IPv4Header, offset + 10, offset, offset + headerLength));
        var total = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 2));
        var ipEnd = total >= headerLength ? Math.Min(offset + total, end) : end;
        var protocol = data[offset + 9];
        var flags = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 6));
        var fragmentOffset = (flags & 0x1FFF) * 8;
        var more = (flags & 0x2000) != 0;
        if ((fragmentOffset != 0 || more) && !inner)
        {
            var key = "4/" + Convert.ToHexString(packet.Original, offset + 12, 8) + "/" + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 4)) + "/" + protocol;
            AddFragment(key, new Fragment(packet, offset + headerLength, ipEnd, fragmentOffset, more, protocol, offset + 12, offset + 16, 4));
            return;
        }

        if (fragmentOffset != 0)
        {
            return;
        }

        Transport(packet, protocol, offset + headerLength, ipEnd, offset + 12, offset + 16, 4, depth, inner);
    }

    private void IPv6(HeldPacket packet, int offset, int end, int depth, bool inner)
    {
        var data = packet.Data;
        if (offset + 40 > end)
        {
            packet.Unchanged ??= "truncated IP header";
            if (offset + 24 <= end)
            {
                MapAddress(data, offset + 8, 16);
            }

            return;
        }

        MapAddress(data, offset + 8, 16);
        MapAddress(data, offset + 24, 16);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset + 4));
        var ipEnd = payloadLength == 0 ? end : Math.Min(offset + 40 + payloadLength, end);
        int next = data[offset + 6];
        var p = offset + 40;
        while (true)
        {
            switch (next)
            {
                case 0 or 43 or 60 when p + 8 <= ipEnd:
                    next = data[p];
                    p += (data[p + 1] + 1) * 8;
                    continue;
                case 51 when p + 8 <= ipEnd:
                    next = data[p];
                    p += (data[p + 1] + 2) * 4;
                    continue;
                case 44 when p + 8 <= ipEnd:
                    // RFC 8200 §4.5: offset in 8-octet units, M flag, identification.
                    var fragmentOffset = (BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(p + 2)) >> 3) * 8;
                    var more = (data[p + 3] & 1) != 0;
                    var protocol = data[p];
                    var id = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(p + 4));
                    if ((fragmentOffset != 0 || more) && !inner)
                    {
                        var key = "6/" + Convert.ToHexString(packet.Original, offset + 8, 32) + "/" + id + "/" + protocol;
                        AddFragment(key, new Fragment(packet, p + 8, ipEnd, fragmentOffset, more, protocol, offset + 8, offset + 24, 16));
                        return;
                    }

                    if (fragmentOffset != 0)
                    {
                        return;
                    }

                    next = protocol;
                    p += 8;
                    continue;
                default:
                    if (p <= ipEnd)
                    {
                        Transport(packet, (byte)next, p, ipEnd, offset + 8, offset + 24, 16, depth, inner);
                    }

                    return;
            }
        }
    }

    private void Transport(HeldPacket packet, byte protocol, int start, int end, int source, int destination, int addressLength, int depth, bool inner)
    {
        var data = packet.Data;
        switch (protocol)
        {
            case 17 when end - start >= 8:
                packet.Fixes.Add(new ChecksumFix(ChecksumKind.Udp, start + 6, start, end, source, destination, addressLength));
                Udp(packet, start, end, depth);
                break;
            case 6 when end - start >= 20:
                var headerLength = (data[start + 12] >> 4) * 4;
                packet.Fixes.Add(new ChecksumFix(ChecksumKind.Pseudo, start + 16, start, end, source, destination, addressLength));
                if (!inner && headerLength >= 20 && start + headerLength < end)
                {
                    var key = Convert.ToHexString(packet.Original, source, addressLength) + ":" + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start))
                        + ">" + Convert.ToHexString(packet.Original, destination, addressLength) + ":" + BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start + 2));
                    if (!_streams.TryGetValue(key, out var segments))
                    {
                        _streams[key] = segments = [];
                    }

                    segments.Add(new Segment(packet, BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(start + 4)), start + headerLength, end,
                        BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start)), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start + 2))));
                }

                break;
            case 1 when end - start >= 4:
                packet.Fixes.Add(new ChecksumFix(ChecksumKind.Plain, start + 2, start, end));
                if (data[start] is 3 or 11 or 12 && end - start > 8)
                {
                    Ip(packet, start + 8, end, depth + 1, inner: true);
                }

                break;
            case 58 when end - start >= 4:
                packet.Fixes.Add(new ChecksumFix(ChecksumKind.Pseudo, start + 2, start, end, source, destination, addressLength));
                if (data[start] is 1 or 2 or 3 or 4 && end - start > 8)
                {
                    Ip(packet, start + 8, end, depth + 1, inner: true);
                }

                break;
            case 4 or 41:
                Ip(packet, start, end, depth + 1, inner);
                break;
            case 132 when end - start >= 12:
                Sctp(packet, start, end);
                break;
            case 47 when end - start >= 4:
                Gre(packet, start, end, depth + 1, inner);
                break;
        }
    }

    private void Sctp(HeldPacket packet, int start, int end)
    {
        // RFC 9260 §3: common header (ports, verification tag, CRC32c), then chunks padded to 4 bytes; DATA (0)
        // carries user data after 16 bytes, I-DATA (64, RFC 8260) after 20.
        var data = packet.Data;
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start));
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start + 2));
        var p = start + 12;
        while (p + 4 <= end)
        {
            var type = data[p];
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(p + 2));
            if (length < 4)
            {
                break;
            }

            var header = type == 0 ? 16 : type == 64 ? 20 : 0;
            if (header > 0 && length > header)
            {
                Payload(data, p + header, Math.Min(p + length, end), sourcePort, destinationPort, tcp: false);
            }

            p += (length + 3) & ~3;
        }

        packet.Fixes.Add(new ChecksumFix(ChecksumKind.Crc32C, start + 8, start, end));
    }

    private void Gre(HeldPacket packet, int start, int end, int depth, bool inner)
    {
        // RFC 2784/2890: C, K, S flags add 4 bytes each; the protocol type says what follows.
        var data = packet.Data;
        var flags = data[start];
        var type = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(start + 2));
        var p = start + 4 + ((flags & 0x80) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        if ((flags & 0x80) != 0)
        {
            packet.Fixes.Add(new ChecksumFix(ChecksumKind.Plain, start + 4, start, end));
        }

        if (p > end)
        {
            return;
        }

        switch (type)
        {
            case 0x0800 or 0x86DD:
                Ip(packet, p, end, depth, inner);
                break;
            case 0x6558:
                Ethernet(packet, p, depth);
                break;
            case 0x88BE:
                Ethernet(packet, p + 8, depth);
                break;
            case 0x22EB when p + 12 <= end:
                Ethernet(packet, p + 12 + ((data[p + 11] & 1) != 0 ? 8 : 0), depth);
                break;
        }
    }

    private void Udp(HeldPacket packet, int start, int end, int depth)
    {
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(packet.Data.AsSpan(start));
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(packet.Data.AsSpan(start + 2));
        if (destinationPort == VxlanPort && end - start >= 16)
        {
            Ethernet(packet, start + 16, depth + 1);
            return;
        }

        Payload(packet.Data, start + 8, end, sourcePort, destinationPort, tcp: false);
    }

    private void Payload(byte[] buffer, int start, int end, int sourcePort, int destinationPort, bool tcp)
    {
        if (start >= end)
        {
            return;
        }

        if (IsDnsPort(sourcePort) || IsDnsPort(destinationPort))
        {
            if (!tcp)
            {
                if (!_dns.Redact(buffer.AsSpan(start, end - start)))
                {
                    Note("DNS message not fully readable: masked as far as it could be read");
                }

                return;
            }

            // RFC 1035 §4.2.2: two-byte length prefix per message.
            var p = start;
            while (p + 2 <= end)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(p));
                var messageEnd = Math.Min(p + 2 + length, end);
                _dns.Redact(buffer.AsSpan(p + 2, messageEnd - p - 2));
                p = messageEnd;
            }

            return;
        }

        if (buffer.AsSpan(start, end - start).IndexOf("SIP/2.0"u8) >= 0)
        {
            _sip.Redact(buffer, start, end);
        }
        else
        {
            // Other protocols (H.248, HTTP upgrades, ...) are kept, except address literals in their text.
            _sip.MapAddresses(buffer, start, end);
        }
    }

    private static bool IsDnsPort(int port) => port is 53 or 5353 or 5355;

    private void MapAddress(byte[] data, int offset, int length) => addresses?.MapInPlace(data.AsSpan(offset, length));

    private void AddFragment(string key, Fragment fragment)
    {
        if (!_fragments.TryGetValue(key, out var list))
        {
            _fragments[key] = list = [];
        }

        list.Add(fragment);
    }

    private void Reassemble(List<Fragment> group)
    {
        var ordered = group.OrderBy(f => f.Offset).ToList();
        var first = ordered[0];
        var size = 0;
        var complete = first.Offset == 0;
        var last = false;
        foreach (var f in ordered)
        {
            if (f.Offset > size)
            {
                complete = false;
                break;
            }

            size = Math.Max(size, f.Offset + (f.End - f.Start));
            last |= !f.More;
        }

        var udp = first.Offset == 0 && first.Protocol == 17 && first.End - first.Start >= 8;
        var fix = udp ? new ChecksumFix(ChecksumKind.Udp, first.Start + 6, first.Start, first.End, first.Source, first.Destination, first.AddressLength) : null;
        if (!complete || !last || !udp)
        {
            // Not all fragments captured: each is masked on its own (a token cut by a fragment boundary may stay).
            Note("IP fragments not all captured (or not UDP): each fragment masked on its own");
            foreach (var f in ordered)
            {
                MaskAlone(f, udp && f == first);
            }
        }
        else
        {
            var buffer = new byte[size];
            foreach (var f in ordered)
            {
                f.Packet.Data.AsSpan(f.Start, f.End - f.Start).CopyTo(buffer.AsSpan(f.Offset));
            }

            var original = (byte[])buffer.Clone();
            Payload(buffer, 8, size, BinaryPrimitives.ReadUInt16BigEndian(buffer), BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)), tcp: false);
            foreach (var f in ordered)
            {
                var target = f.Packet.Data.AsSpan(f.Start, f.End - f.Start);
                if (target.SequenceEqual(original.AsSpan(f.Offset, target.Length)))
                {
                    buffer.AsSpan(f.Offset, target.Length).CopyTo(target);
                }
                else
                {
                    // Overlapping fragments that disagree: the losing copy is masked on its own, never overwritten.
                    Note("overlapping IP fragments with different bytes: masked on their own");
                    MaskAlone(f, f == first);
                }
            }
        }

        if (fix is null)
        {
            return;
        }

        var seen = new HashSet<HeldPacket> { first.Packet };
        foreach (var f in ordered)
        {
            if (f != first && seen.Add(f.Packet))
            {
                fix.Extra.Add((f.Packet, f.Start, f.End));
            }
        }

        first.Packet.Fixes.Add(fix);
    }

    private void MaskAlone(Fragment fragment, bool startsWithUdpHeader)
    {
        var data = fragment.Packet.Data;
        if (startsWithUdpHeader)
        {
            Payload(data, fragment.Start + 8, fragment.End, BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(fragment.Start)),
                BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(fragment.Start + 2)), tcp: false);
        }
        else
        {
            Payload(data, fragment.Start, fragment.End, 0, 0, tcp: false);
        }
    }

    private void Stream(List<Segment> segments)
    {
        var origin = segments[0].Sequence;
        var ordered = segments.Select((s, i) => (Segment: s, Relative: (long)(int)(s.Sequence - origin), Index: i))
            .OrderBy(x => x.Relative).ThenBy(x => x.Index).ToList();
        var chunkStart = 0;
        while (chunkStart < ordered.Count)
        {
            // A chunk is a run of segments without a gap; a gap (lost segment) starts a new one.
            var begin = ordered[chunkStart].Relative;
            var cursor = begin;
            var chunkEnd = chunkStart;
            while (chunkEnd < ordered.Count && ordered[chunkEnd].Relative <= cursor)
            {
                var s = ordered[chunkEnd];
                cursor = Math.Max(cursor, s.Relative + s.Segment.Length);
                chunkEnd++;
            }

            var buffer = new byte[cursor - begin];
            var filled = begin;
            for (var i = chunkStart; i < chunkEnd; i++)
            {
                var s = ordered[i];
                var segmentEnd = s.Relative + s.Segment.Length;
                if (segmentEnd > filled)
                {
                    var from = (int)(filled - s.Relative);
                    s.Segment.Packet.Data.AsSpan(s.Segment.Start + from, (int)(segmentEnd - filled)).CopyTo(buffer.AsSpan((int)(filled - begin)));
                    filled = segmentEnd;
                }
            }

            var original = (byte[])buffer.Clone();
            var first = ordered[chunkStart].Segment;
            Payload(buffer, 0, buffer.Length, first.SourcePort, first.DestinationPort, tcp: true);
            for (var i = chunkStart; i < chunkEnd; i++)
            {
                var s = ordered[i];
                var at = (int)(s.Relative - begin);
                var target = s.Segment.Packet.Data.AsSpan(s.Segment.Start, s.Segment.Length);
                if (target.SequenceEqual(original.AsSpan(at, s.Segment.Length)))
                {
                    buffer.AsSpan(at, s.Segment.Length).CopyTo(target);
                }
                else
                {
                    // A retransmission whose bytes differ from the first copy: masked on its own.
                    Note("TCP retransmission with different bytes: masked on its own");
                    Payload(s.Segment.Packet.Data, s.Segment.Start, s.Segment.Start + s.Segment.Length, first.SourcePort, first.DestinationPort, tcp: true);
                }
            }

            chunkStart = chunkEnd;
        }
    }

    private static void Apply(HeldPacket packet, ChecksumFix fix)
    {
        var data = packet.Data;
        if (fix.Kind == ChecksumKind.Crc32C)
        {
            ApplyCrc32C(packet, fix);
            return;
        }

        if (fix.Field + 2 > data.Length || fix.Field + 2 > fix.End && fix.Kind != ChecksumKind.IPv4Header)
        {
            return;
        }

        uint oldSum = Sum(packet.Original, fix.Start, fix.End);
        uint newSum = Sum(data, fix.Start, fix.End);
        if (fix.Kind is ChecksumKind.Udp or ChecksumKind.Pseudo)
        {
            oldSum = Add(oldSum, Add(Sum(packet.Original, fix.Source, fix.Source + fix.AddressLength), Sum(packet.Original, fix.Destination, fix.Destination + fix.AddressLength)));
            newSum = Add(newSum, Add(Sum(data, fix.Source, fix.Source + fix.AddressLength), Sum(data, fix.Destination, fix.Destination + fix.AddressLength)));
        }

        foreach (var (other, start, end) in fix.Extra)
        {
            oldSum = Add(oldSum, Sum(other.Original, start, end));
            newSum = Add(newSum, Sum(other.Data, start, end));
        }

        if (oldSum == newSum)
        {
            return;
        }

        var field = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(fix.Field));
        if (fix.Kind == ChecksumKind.Udp && field == 0)
        {
            return;
        }

        // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), in one's complement arithmetic.
        var updated = (ushort)~Add(Add((ushort)~field, (ushort)~oldSum), newSum);
        if (fix.Kind == ChecksumKind.Udp && updated == 0)
        {
            updated = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(fix.Field), updated);
    }

    /// <summary>SCTP's CRC32c (RFC 9260 Appendix A) is not incremental: recomputed when the original one was right.</summary>
    private static void ApplyCrc32C(HeldPacket packet, ChecksumFix fix)
    {
        if (fix.End > packet.Data.Length || packet.Data.AsSpan(fix.Start, fix.End - fix.Start).SequenceEqual(packet.Original.AsSpan(fix.Start, fix.End - fix.Start)))
        {
            return;
        }

        var stored = packet.Original.AsSpan(fix.Field, 4);
        var before = Crc32C(packet.Original, fix.Start, fix.End, fix.Field);
        var littleEndian = BinaryPrimitives.ReadUInt32LittleEndian(stored) == before;
        if (!littleEndian && BinaryPrimitives.ReadUInt32BigEndian(stored) != before)
        {
            return;
        }

        var after = Crc32C(packet.Data, fix.Start, fix.End, fix.Field);
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(packet.Data.AsSpan(fix.Field), after);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.Data.AsSpan(fix.Field), after);
        }
    }

    private static uint Crc32C(byte[] data, int start, int end, int field)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = start; i < end; i++)
        {
            crc ^= i >= field && i < field + 4 ? 0u : data[i];
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }

    private static uint Sum(byte[] data, int start, int end)
    {
        end = Math.Min(end, data.Length);
        uint sum = 0;
        var i = start;
        for (; i + 1 < end; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (i < end)
        {
            sum += (uint)(data[i] << 8);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }

    private static uint Add(uint a, uint b)
    {
        var sum = a + b;
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }

    private sealed record Fragment(HeldPacket Packet, int Start, int End, int Offset, bool More, byte Protocol, int Source, int Destination, int AddressLength);

    private sealed record Segment(HeldPacket Packet, uint Sequence, int Start, int End, int SourcePort, int DestinationPort)
    {
        public int Length => End - Start;
    }
}
