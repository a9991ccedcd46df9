using System.Buffers;
using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Dns.Tests;

public class DnsTcpFramerTests
{
    private static byte[] Framed(params byte[][] messages)
    {
        var list = new List<byte>();
        foreach (var m in messages)
        {
            // RFC 1035 §4.2.2: a two-byte length field, then the message.
            list.Add((byte)(m.Length >> 8));
            list.Add((byte)m.Length);
            list.AddRange(m);
        }

        return [.. list];
    }

    private static List<byte[]> ReadAll(ReadOnlySequence<byte> buffer, out long leftover)
    {
        var messages = new List<byte[]>();
        while (DnsTcpFramer.TryReadMessage(ref buffer, out var message))
        {
            messages.Add(message.ToArray());
        }

        leftover = buffer.Length;
        return messages;
    }

    private static byte[] Sample(ushort id) => DnsTestEncoder.Encode(
        new DnsTestMessage(id, 0x0100, [new DnsTestQuestion("_sip._tcp.example.com", 33, 1)], [], [], []), compress: true);

    [Fact]
    public void Two_messages_in_one_segment_are_both_returned()
    {
        var messages = ReadAll(new ReadOnlySequence<byte>(Framed(Sample(1), Sample(2))), out long left);
        Assert.Equal(2, messages.Count);
        Assert.Equal(Sample(1), messages[0]);
        Assert.Equal(Sample(2), messages[1]);
        Assert.Equal(0, left);
    }

    [Fact]
    public void Every_prefix_needs_more_data_and_consumes_nothing()
    {
        byte[] stream = Framed(Sample(7));
        for (int length = 0; length < stream.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(stream, 0, length);
            Assert.False(DnsTcpFramer.TryReadMessage(ref buffer, out _));
            Assert.Equal(length, buffer.Length);
            Assert.False(DnsTcpFramer.TryReadMessage(stream.AsSpan(0, length), out _, out int consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Prefix_split_between_segments_one_byte_each()
    {
        byte[] stream = Framed(Sample(1), Sample(2));
        var oneByteEach = SegmentedSequence.Split(stream, Enumerable.Range(1, stream.Length));
        var messages = ReadAll(oneByteEach, out _);
        Assert.Equal([Sample(1), Sample(2)], messages);
    }

    [Fact]
    public void Split_anywhere_gives_the_same_messages()
    {
        var gen =
            from count in Gen.Choose(1, 4)
            from ids in Gen.Choose(0, 65535).ArrayOf(count)
            from cutCount in Gen.Choose(0, 6)
            from cuts in Gen.Choose(0, 400).ArrayOf(cutCount)
            select (ids, cuts);
        var prop = Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var messages = t.ids.Select(id => Sample((ushort)id)).ToArray();
            byte[] stream = Framed(messages);
            var whole = ReadAll(new ReadOnlySequence<byte>(stream), out _);
            var split = ReadAll(SegmentedSequence.Split(stream, t.cuts), out long left);
            return left == 0 && split.Count == messages.Length && split.Zip(whole).All(p => p.First.SequenceEqual(p.Second))
                && split.Zip(messages).All(p => p.First.SequenceEqual(p.Second));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Span_overload_reports_consumed_bytes_and_leaves_guard_bytes()
    {
        byte[] stream = [.. Framed(Sample(3)), 0xEE];
        Assert.True(DnsTcpFramer.TryReadMessage(stream, out var message, out int consumed));
        Assert.Equal(stream.Length - 1, consumed);
        Assert.Equal(Sample(3), message.ToArray());
        Assert.False(DnsTcpFramer.TryReadMessage(stream.AsSpan(consumed), out _, out _));
    }

    [Fact]
    public void Zero_length_message_keeps_framing_and_decodes_as_too_short()
    {
        var buffer = new ReadOnlySequence<byte>(Framed([], Sample(9)));
        Assert.True(DnsTcpFramer.TryReadMessage(ref buffer, out var empty));
        Assert.True(empty.IsEmpty);
        Assert.True(DnsMessage.Read(empty.FirstSpan).IsMalformed);
        Assert.True(DnsTcpFramer.TryReadMessage(ref buffer, out var next));
        Assert.Equal(9, DnsMessage.Read(next.ToArray()).Header.Id);
    }

    [Fact]
    public void ToContiguous_copies_only_multi_segment_messages()
    {
        byte[] message = Sample(4);
        var split = SegmentedSequence.Split(message, [5]);
        byte[] scratch = new byte[ushort.MaxValue];
        var span = DnsTcpFramer.ToContiguous(split, scratch);
        Assert.Equal(message, span.ToArray());
        Assert.Throws<DnsException>(() => DnsTcpFramer.ToContiguous(split, new byte[3]).Length);
        var single = new ReadOnlySequence<byte>(message);
        Assert.Equal(message, DnsTcpFramer.ToContiguous(single, default).ToArray());
    }
}
