using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SipReg.Pcap;

namespace SipReg.Generator.Tests;

public class HostileTests
{
    [Fact]
    public void Many_tiny_tcp_streams_are_distinct_syn_plus_one_segment()
    {
        using var stream = new MemoryStream();
        GenerationCounts counts = HostileCaptures.ManyTinyTcpStreams(stream, 3000);
        List<(long Time, byte[] Frame)> records = IndependentReader.ReadRecords(stream.ToArray());
        Assert.Equal(6000, records.Count);
        Assert.Equal(6000, counts.Records);
        var flows = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < records.Count; i += 2)
        {
            IndependentReader.Packet syn = IndependentReader.Check(records[i].Frame);
            IndependentReader.Packet data = IndependentReader.Check(records[i + 1].Frame);
            Assert.Equal(0x02, syn.TcpFlags);
            Assert.Equal(syn.Sequence + 1, data.Sequence);
            Assert.Equal(syn.Source + ":" + syn.SourcePort, data.Source + ":" + data.SourcePort);
            Assert.True(flows.Add(syn.Source + ":" + syn.SourcePort));
        }
    }

    [Fact]
    public void Fragment_flood_is_first_fragments_with_distinct_keys()
    {
        using var stream = new MemoryStream();
        HostileCaptures.FragmentFlood(stream, 2000);
        var keys = new HashSet<(string, ushort)>();
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(stream.ToArray()))
        {
            byte[] ip = frame[14..];
            Assert.Equal(ip.Length, BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(2)));
            Assert.Equal(0x2000, BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(6)));
            Assert.Equal(17, ip[9]);
            Assert.True(keys.Add((Convert.ToHexString(ip, 12, 4), BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(4)))));
        }

        Assert.Equal(2000, keys.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Endless_header_never_ends_its_header_block(bool folded)
    {
        using var stream = new MemoryStream();
        HostileCaptures.EndlessSipHeader(stream, 200_000, folded);
        var data = new MemoryStream();
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(stream.ToArray()))
        {
            data.Write(IndependentReader.Check(frame).Payload);
        }

        string text = Encoding.ASCII.GetString(data.ToArray());
        Assert.StartsWith("REGISTER sip:sipreg.test SIP/2.0\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n\r\n", text, StringComparison.Ordinal);
        Assert.InRange(data.Length, 200_000, 201_000);
        Assert.Equal(folded, text.Contains("\r\n a", StringComparison.Ordinal));
    }

    [Fact]
    public void Dns_pointer_message_is_all_pointers_in_a_loop()
    {
        using var stream = new MemoryStream();
        HostileCaptures.DnsCompressionPointers(stream, HostileCaptures.MaxDnsPointers);
        byte[] dns = IndependentReader.Check(IndependentReader.ReadRecords(stream.ToArray()).Single().Frame).Payload;
        Assert.Equal(12 + 2 * HostileCaptures.MaxDnsPointers, dns.Length);
        Assert.Equal(0xC000 | 0x3FFE, BinaryPrimitives.ReadUInt16BigEndian(dns.AsSpan(dns.Length - 4)));
        for (int offset = 12; offset < dns.Length; offset += 2)
        {
            int pointer = BinaryPrimitives.ReadUInt16BigEndian(dns.AsSpan(offset));
            Assert.Equal(0xC000, pointer & 0xC000);
            Assert.Equal(offset + 2 < dns.Length ? offset + 2 : 12, pointer & 0x3FFF);
        }
    }

    [Fact]
    public async Task Huge_pcapng_block_length_says_0xFFFFFFF0_and_the_reader_does_not_buffer_it()
    {
        using var stream = new MemoryStream();
        GenerationCounts counts = HostileCaptures.PcapNgHugeBlockLength(stream, 1000);
        byte[] file = stream.ToArray();
        Assert.Equal(file.Length, counts.CaptureBytes);
        Assert.Equal(0xFFFF_FFF0u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(64)));

        await using CaptureReader reader = CaptureReader.Create(new MemoryStream(file));
        long packets = 0;
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out CapturePacket _))
            {
                packets++;
            }
        }

        Assert.Equal(0, packets);
        Assert.True(reader.IsDamaged);
    }

    [Fact]
    public void Gzip_bomb_expands_about_a_thousandfold_into_a_valid_pcap()
    {
        using var stream = new MemoryStream();
        GenerationCounts counts = HostileCaptures.GzipBomb(stream, 20_000_000);
        Assert.InRange(counts.CaptureBytes, 20_000_000, 20_100_000);
        Assert.True(counts.CaptureBytes / stream.Length >= 900, "ratio " + counts.CaptureBytes / stream.Length);
        stream.Position = 0;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        gzip.CopyTo(inflated);
        Assert.Equal(counts.CaptureBytes, inflated.Length);
        Assert.Equal(counts.Records, IndependentReader.ReadRecords(inflated.ToArray()).Count);
    }

    [Fact]
    public void Content_length_extremes_are_zero_and_uint_max()
    {
        using var stream = new MemoryStream();
        HostileCaptures.SipContentLengthExtremes(stream);
        string[] payloads = [.. IndependentReader.ReadRecords(stream.ToArray()).Select(r => Encoding.ASCII.GetString(IndependentReader.Check(r.Frame).Payload))];
        Assert.Equal(2, payloads.Length);
        Assert.Contains("\r\nContent-Length: 0\r\n\r\nvvv", payloads[0], StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Length: 4294967295\r\n\r\nvvv", payloads[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Header_bomb_has_the_requested_number_of_headers()
    {
        using var stream = new MemoryStream();
        HostileCaptures.HeaderBomb(stream, 100_000);
        var data = new MemoryStream();
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(stream.ToArray()))
        {
            IndependentReader.Packet packet = IndependentReader.Check(frame);
            Assert.InRange(packet.Payload.Length, 0, 1448);
            data.Write(packet.Payload);
        }

        string text = Encoding.ASCII.GetString(data.ToArray());
        Assert.EndsWith("\r\nContent-Length: 0\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Equal(100_000, text.Split("\r\nX-").Length - 1);
    }

    [Fact]
    public void Sizes_out_of_range_are_rejected()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => HostileCaptures.DnsCompressionPointers(stream, HostileCaptures.MaxDnsPointers + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HostileCaptures.FragmentFlood(stream, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HostileCaptures.EndlessSipHeader(stream, -1));
    }
}
