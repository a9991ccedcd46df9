using SipReg.Testing;
using System.Globalization;
using System.Text.Json;

namespace SipReg.Pcap.Tests.Capture;

/// <summary>
/// Every file of <c>edge/manifest.json</c>: record count, the per-record columns of <c>edge/expected/*.tsv</c>, and the
/// manifest's error offsets. The manifest is followed where it says tshark is wrong (custom blocks are not frames;
/// pcap_bad_caplen is standard pcap with an error at record 3).
/// </summary>
public sealed class EdgeCorpusTests
{
    public static TheoryData<string> ManifestFiles()
    {
        var data = new TheoryData<string>();
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            data.Add(file.GetProperty("file").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public async Task Edge_file_reads_as_the_manifest_and_expected_tsv_say(string name)
    {
        var entry = ManifestEntry(name);
        var expectError = entry.TryGetProperty("expect_error", out var e) && e.GetBoolean();
        long? errorOffset = entry.TryGetProperty("error_offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt64() : null;
        var expectedRecords = entry.GetProperty("expected").GetProperty("records").GetInt32();

        if (expectError)
        {
            var exception = await Assert.ThrowsAsync<PcapException>(() => CaptureReading.ReadFileAsync("edge/" + name));
            Assert.Equal(errorOffset ?? 0, exception.Offset);
            Assert.Equal(0, expectedRecords);
            return;
        }

        var outcome = await CaptureReading.ReadFileAsync("edge/" + name);
        Assert.Equal(expectedRecords, outcome.Packets.Count);
        Assert.Equal(expectedRecords, outcome.PacketCount);

        if (errorOffset is long offset)
        {
            Assert.NotNull(outcome.Error);
            Assert.Equal(offset, outcome.Error!.Offset);
            Assert.Contains(offset.ToString(CultureInfo.InvariantCulture), outcome.Error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(outcome.Error is null, outcome.Describe());
        }

        var linkTypes = entry.GetProperty("linktypes").EnumerateArray().Select(t => t.GetInt32()).ToList();
        var rows = ExpectedRows(name);
        Assert.Equal(rows.Count, outcome.Packets.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var packet = outcome.Packets[i];
            Assert.Equal(long.Parse(row[0], CultureInfo.InvariantCulture), packet.FrameNumber);
            if (row[1].Length == 0)
            {
                Assert.False(packet.HasTimestamp);
            }
            else
            {
                Assert.True(packet.HasTimestamp);
                Assert.Equal(long.Parse(row[1], CultureInfo.InvariantCulture), packet.Timestamp);
            }

            Assert.Equal(int.Parse(row[2], CultureInfo.InvariantCulture), packet.CapturedLength);
            Assert.Equal(int.Parse(row[3], CultureInfo.InvariantCulture), packet.OriginalLength);
            // The expected TSVs of the lt_raw_12/14 and lt_ipv4/ipv6 pcap files write the raw-IP link type as 101; the
            // reader reports the file's own value, which the manifest's "linktypes" lists.
            var expectedLinkType = int.Parse(row[4], CultureInfo.InvariantCulture);
            Assert.True(expectedLinkType == (int)packet.LinkType || expectedLinkType == NormalizeRawIp(packet.LinkType),
                $"frame {packet.FrameNumber}: link type {(int)packet.LinkType}, expected {expectedLinkType}");
            Assert.Contains(linkTypes, t => t == (int)packet.LinkType);
            Assert.Equal(int.Parse(row[5], CultureInfo.InvariantCulture), packet.InterfaceIdInSection);
        }

        var truncated = entry.GetProperty("expected").GetProperty("truncated_records").GetInt32();
        Assert.Equal(truncated, outcome.TruncatedPacketCount);
    }

    private static int NormalizeRawIp(LinkType linkType) =>
        linkType is LinkType.RawBsd or LinkType.RawOpenBsd or LinkType.IPv4 or LinkType.IPv6 ? (int)LinkType.Raw : (int)linkType;

    internal static JsonElement ManifestEntry(string name)
    {
        using var manifest = Corpus.ReadJson("edge/manifest.json");
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            if (file.GetProperty("file").GetString() == name)
            {
                return file.Clone();
            }
        }

        throw new InvalidOperationException(name + " is not in the manifest");
    }

    internal static List<string[]> ExpectedRows(string name) =>
        File.ReadAllLines(Corpus.PathOf("edge/expected/" + name + ".tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToList();
}
