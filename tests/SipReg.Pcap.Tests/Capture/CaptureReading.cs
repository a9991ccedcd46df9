using System.IO.Pipelines;
using System.Text;
using SipReg.Testing;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>A packet copied out of the reader's buffer, for comparisons after the read.</summary>
internal sealed record ReadPacket(
    long FrameNumber, long Timestamp, bool HasTimestamp, int InterfaceIndex, int InterfaceIdInSection, LinkType LinkType,
    int CapturedLength, int OriginalLength, long FileOffset, byte[] Data, string[] Comments)
{
    public bool SameAs(ReadPacket other) =>
        FrameNumber == other.FrameNumber && Timestamp == other.Timestamp && HasTimestamp == other.HasTimestamp
        && InterfaceIndex == other.InterfaceIndex && LinkType == other.LinkType && CapturedLength == other.CapturedLength
        && OriginalLength == other.OriginalLength && FileOffset == other.FileOffset && Data.AsSpan().SequenceEqual(other.Data)
        && Comments.SequenceEqual(other.Comments);
}

/// <summary>Everything a full read produced.</summary>
internal sealed record ReadOutcome(
    CaptureFormat Format, List<ReadPacket> Packets, IReadOnlyList<CaptureDiagnostic> Diagnostics, CaptureDiagnostic? Error,
    IReadOnlyList<CaptureInterface> Interfaces, IReadOnlyList<CaptureSection> Sections, long PacketCount,
    long TruncatedPacketCount, long? EarliestTimestamp, long? LatestTimestamp)
{
    public string Describe() => string.Join("\n", Diagnostics.Select(d => d.ToString()));
}

/// <summary>Reads whole captures through <see cref="CaptureReader"/> the way consumers do (the pull loop).</summary>
internal static class CaptureReading
{
    public static Task<ReadOutcome> ReadFileAsync(string corpusRelative, CaptureReaderOptions? options = null) =>
        ReadAsync(CaptureReader.Open(Corpus.PathOf(corpusRelative), options));

    public static Task<ReadOutcome> ReadBytesAsync(byte[] bytes, CaptureReaderOptions? options = null) =>
        ReadAsync(CaptureReader.Create(new MemoryStream(bytes), options));

    /// <summary>Feeds <paramref name="bytes"/> through a pipe in the given chunk sizes (cycled), one flush per chunk.</summary>
    public static async Task<ReadOutcome> ReadChunkedAsync(byte[] bytes, IReadOnlyList<int> chunkSizes, CaptureReaderOptions? options = null)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var writer = Task.Run(async () =>
        {
            var position = 0;
            var i = 0;
            while (position < bytes.Length)
            {
                var size = Math.Min(Math.Max(1, chunkSizes[i++ % chunkSizes.Count]), bytes.Length - position);
                await pipe.Writer.WriteAsync(bytes.AsMemory(position, size));
                position += size;
            }

            await pipe.Writer.CompleteAsync();
        });
        var outcome = await ReadAsync(CaptureReader.Create(pipe.Reader, options));
        await writer;
        return outcome;
    }

    public static async Task<ReadOutcome> ReadAsync(CaptureReader reader)
    {
        await using (reader)
        {
            var packets = new List<ReadPacket>();
            while (await reader.ReadAsync())
            {
                while (reader.TryReadPacket(out var packet))
                {
                    var comments = new List<string>();
                    foreach (var comment in packet.Comments)
                    {
                        comments.Add(Encoding.UTF8.GetString(comment));
                    }

                    packets.Add(new ReadPacket(packet.FrameNumber, packet.TimestampNanoseconds, packet.HasTimestamp,
                        packet.InterfaceIndex, reader.Interfaces[packet.InterfaceIndex].IndexInSection, packet.LinkType,
                        packet.CapturedLength, packet.OriginalLength, packet.FileOffset, packet.Data.ToArray(), [.. comments]));
                }
            }

            return new ReadOutcome(reader.Format, packets, reader.Diagnostics, reader.Error, reader.Interfaces, reader.Sections,
                reader.PacketCount, reader.TruncatedPacketCount, reader.EarliestTimestamp, reader.LatestTimestamp);
        }
    }
}
