using System.IO.Compression;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Redaction;
using SipReg.Pcap;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Redaction;

/// <summary>The redactor's API promises: keys, kept addresses, gzip input, streams left open, refusal of non-captures.</summary>
public sealed class CaptureRedactorTests
{
    // A public capture with public addresses, SIP over UDP and several flows.
    private const string Capture = "public/sip__pcapplusplus__sip_reqs.pcap";

    [Fact]
    public async Task The_same_key_gives_the_same_bytes_and_another_key_other_bytes()
    {
        var input = await File.ReadAllBytesAsync(Corpus.PathOf(Capture));
        var a = await Redact(input, new RedactionOptions { Key = [1, 2, 3] });
        var b = await Redact(input, new RedactionOptions { Key = [1, 2, 3] });
        var c = await Redact(input, new RedactionOptions { Key = [3, 2, 1] });
        var random = await Redact(input, new RedactionOptions());
        Assert.Equal(a.Bytes, b.Bytes);
        Assert.NotEqual(a.Bytes, c.Bytes);
        Assert.NotEqual(a.Bytes, random.Bytes);
        Assert.Equal(input.Length, a.Bytes.Length);
        Assert.True(a.Summary.PacketsRewritten > 0 && a.Summary.AddressesMapped > 0 && a.Summary.TokensMasked > 0);
    }

    [Fact]
    public async Task Keep_addresses_leaves_every_address_and_masks_the_rest()
    {
        var input = await File.ReadAllBytesAsync(Corpus.PathOf(Capture));
        var (bytes, summary) = await Redact(input, new RedactionOptions { KeepAddresses = true, Key = [7] });
        Assert.Equal(0, summary.AddressesMapped);
        Assert.Empty(summary.AddressMap);
        Assert.Equal(await Endpoints(input), await Endpoints(bytes));
        Assert.True(summary.TokensMasked > 0);
    }

    [Fact]
    public async Task Gzip_input_is_written_uncompressed_in_its_own_format()
    {
        var input = await File.ReadAllBytesAsync(Corpus.PathOf(Capture));
        using var gz = new MemoryStream();
        await using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            await zip.WriteAsync(input);
        }

        var (fromGzip, summary) = await Redact(gz.ToArray(), new RedactionOptions { Key = [9] });
        var (plain, _) = await Redact(input, new RedactionOptions { Key = [9] });
        Assert.True(summary.InputWasCompressed);
        Assert.Equal(CaptureFormat.Pcap, summary.Format);
        Assert.Equal(plain, fromGzip);
    }

    [Fact]
    public async Task Streams_are_left_open_and_a_non_capture_is_refused()
    {
        var input = new MemoryStream(await File.ReadAllBytesAsync(Corpus.PathOf(Capture)));
        var output = new MemoryStream();
        await new CaptureRedactor().RedactAsync(input, output);
        Assert.True(input.CanRead);
        Assert.True(output.CanWrite);

        var error = await Assert.ThrowsAsync<PcapException>(() =>
            new CaptureRedactor().RedactAsync(new MemoryStream("not a capture at all"u8.ToArray()), new MemoryStream()));
        Assert.Equal(PcapExceptionReason.UnknownMagic, error.Reason);
    }

    [Fact]
    public async Task File_api_round_trips_through_the_analyzer()
    {
        var output = Path.Combine(Path.GetTempPath(), "sipreg-redact-" + Guid.NewGuid().ToString("N") + ".pcap");
        try
        {
            await new CaptureRedactor(new RedactionOptions { Key = [5] }).RedactFileAsync(Corpus.PathOf(Capture), output);
            var original = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf(Capture));
            var redacted = await CaptureAnalyzer.AnalyzeFileAsync(output);
            Assert.Equal(original.Report.StatusName, redacted.Report.StatusName);
            Assert.Equal(original.Report.Flows.Count, redacted.Report.Flows.Count);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static async Task<(byte[] Bytes, RedactionSummary Summary)> Redact(byte[] input, RedactionOptions options)
    {
        using var output = new MemoryStream();
        var summary = await new CaptureRedactor(options).RedactAsync(new MemoryStream(input), output);
        return (output.ToArray(), summary);
    }

    private static async Task<List<string>> Endpoints(byte[] capture)
    {
        var result = new List<string>();
        await using var reader = CaptureReader.Create(new MemoryStream(capture));
        var decoder = new PacketDecoder(new PacketDecoderOptions());
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out var packet))
            {
                decoder.Decode(packet);
                while (decoder.TryReadPayload(out var payload))
                {
                    result.Add(payload.Source + ">" + payload.Destination);
                }
            }
        }

        return result;
    }
}
