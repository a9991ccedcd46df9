using System.Text;
using System.Text.RegularExpressions;
using SipReg.Analysis.Pipeline;
using SipReg.Analysis.Redaction;
using SipReg.Pcap;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Redaction;

/// <summary>Issue 6, "done means": the redacted copy of every corpus capture analyses like the original, modulo the mapping.</summary>
public sealed partial class RedactionRoundTripTests
{
    private static readonly byte[] s_key = Convert.FromHexString("5eed0f5a17ab1e5eed0f5a17ab1e0001");

    public static TheoryData<string> AllCaptures()
    {
        var data = new TheoryData<string>();
        foreach (var capture in Corpus.AllCaptures())
        {
            data.Add(capture);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCaptures))]
    public async Task Redacted_capture_analyses_to_the_same_result(string capture)
    {
        var bytes = await File.ReadAllBytesAsync(Corpus.PathOf(capture));
        CaptureAnalysis original;
        try
        {
            original = await Analyze(bytes);
        }
        catch (PcapException)
        {
            // Not a capture at all (an edge case of the corpus): the redactor must refuse it the same way.
            await Assert.ThrowsAsync<PcapException>(() => new CaptureRedactor().RedactAsync(new MemoryStream(bytes), new MemoryStream()));
            return;
        }

        using var output = new MemoryStream();
        var summary = await new CaptureRedactor(new RedactionOptions { Key = s_key }).RedactAsync(new MemoryStream(bytes), output);
        var redactedBytes = output.ToArray();
        var redacted = await Analyze(redactedBytes);

        Assert.Equal(original.Accounting.Records, summary.Packets);
        var (format, bigEndian, packets) = await Shape(bytes);
        var (redactedFormat, redactedBigEndian, redactedPackets) = await Shape(redactedBytes);
        Assert.Equal(format, redactedFormat);
        Assert.Equal(bigEndian, redactedBigEndian);
        Assert.Equal(packets, redactedPackets);
        Assert.Equal(original.Report.StatusName, redacted.Report.StatusName);
        Assert.Equal(Accounting(original), Accounting(redacted));
        Assert.Equal(Flows(original), Flows(redacted));
        Assert.Equal(Findings(original), Findings(redacted));
        Assert.Equal(original.Report.Bindings.Count, redacted.Report.Bindings.Count);
        Assert.Equal(original.Report.DnsClues.Count, redacted.Report.DnsClues.Count);
        Assert.Equal(original.SipMessages, redacted.SipMessages);
        Assert.Equal(original.DnsMessages, redacted.DnsMessages);

        // Packets the redactor cannot walk (a link type it does not know) are written unchanged, by design.
        if (!summary.UnchangedReasons.Keys.Any(r => r.StartsWith("unsupported link type", StringComparison.Ordinal)))
        {
            AssertNoOriginalsLeft(bytes, redactedBytes, original, summary);
        }
    }

    /// <summary>Format, first section's byte order, and per packet: time, lengths and link type (all kept by redaction).</summary>
    private static async Task<(CaptureFormat Format, bool BigEndian, List<string> Packets)> Shape(byte[] bytes)
    {
        var packets = new List<string>();
        await using var reader = CaptureReader.Create(new MemoryStream(bytes));
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out var p))
            {
                packets.Add($"{p.HasTimestamp}:{p.TimestampNanoseconds} {p.CapturedLength}/{p.OriginalLength} {p.LinkType}");
            }
        }

        return (reader.Format, reader.Sections.Count > 0 && reader.Sections[0].IsBigEndian, packets);
    }

    private static async Task<CaptureAnalysis> Analyze(byte[] bytes)
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(bytes));
        return await CaptureAnalyzer.AnalyzeAsync(source);
    }

    private static string Accounting(CaptureAnalysis a)
    {
        var x = a.Accounting;
        return $"records={x.Records} sip={x.Sip} dns={x.Dns} keepalive={x.KeepAlive} other={x.Other} unsupported={x.UnsupportedLinkType} "
            + $"truncated={x.Truncated} malformed={x.Malformed} capped={x.Capped} pending={x.PendingReassembly}";
    }

    /// <summary>Each flow as the facts the mapping must not change, sorted (flow keys hold masked names, so their order may differ).</summary>
    private static List<string> Flows(CaptureAnalysis a) =>
        a.Report.Flows.Select(f =>
        {
            var text = new StringBuilder();
            text.Append($"status={f.Status} challenges={f.Challenges} requested={f.RequestedExpires} granted={f.GrantedExpires} ");
            text.Append($"contacts={f.Contacts.Count} nat={f.NatEvident} transport={f.Transport} successes={f.Successes} tx=");
            foreach (var t in f.Transactions)
            {
                text.Append('[').Append(string.Join(',', t.RequestFrames)).Append("->").Append(t.FinalStatus).Append('@').Append(t.FinalFrame)
                    .Append(' ').Append(string.Join(',', t.Responses.Select(r => r.FrameNumber + ":" + r.StatusCode))).Append(']');
            }

            return text.ToString();
        }).Order(StringComparer.Ordinal).ToList();

    private static List<string> Findings(CaptureAnalysis a) =>
        a.Report.Findings.Select(f => $"{f.Rule} {f.Severity} [{string.Join(',', f.Frames)}] aor={f.Aor is not null}")
            .Order(StringComparer.Ordinal).ToList();

    private static void AssertNoOriginalsLeft(byte[] originalBytes, byte[] redactedBytes, CaptureAnalysis original, RedactionSummary summary)
    {
        var originalText = Encoding.Latin1.GetString(originalBytes);
        var redactedText = Encoding.Latin1.GetString(redactedBytes);
        var images = summary.AddressMap.Values.ToHashSet(StringComparer.Ordinal);

        // Addresses as text (an original that is also some other address's replacement may legitimately appear).
        foreach (var address in summary.AddressMap.Keys.Where(k => !images.Contains(k)))
        {
            if (originalText.Contains(address, StringComparison.Ordinal) && address.Length >= 7)
            {
                Assert.DoesNotMatch(new Regex("(?<![0-9A-Za-z.:])" + Regex.Escape(address) + "(?![0-9A-Za-z.])"), redactedText);
            }
        }

        // Addresses in IP headers: decode the redacted capture and look at every endpoint.
        foreach (var endpoint in Endpoints(redactedBytes))
        {
            Assert.False(summary.AddressMap.ContainsKey(endpoint) && !images.Contains(endpoint), "original address in an IP header: " + endpoint);
        }

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flow in original.Report.Flows)
        {
            secrets.Add(flow.CallId);
            var user = UserPart().Match(flow.AddressOfRecord);
            if (user.Success && user.Groups[1].Value.Length >= 4)
            {
                secrets.Add(":" + user.Groups[1].Value + "@");
            }
        }

        foreach (Match m in Secret().Matches(originalText))
        {
            secrets.Add(m.Groups.Values.Skip(1).First(g => g.Success).Value.Trim());
        }

        foreach (var secret in secrets.Where(s => s.Trim(':', '@').Length >= 6 && s.Any(char.IsAsciiLetterOrDigit)))
        {
            Assert.False(redactedText.Contains(secret, StringComparison.Ordinal), "left in the redacted capture: " + secret);
        }
    }

    private static List<string> Endpoints(byte[] capture)
    {
        var result = new List<string>();
        var reader = CaptureReader.Create(new MemoryStream(capture));
        var decoder = new PacketDecoder(new PacketDecoderOptions());
        while (reader.ReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryReadPacket(out var packet))
            {
                decoder.Decode(packet);
                while (decoder.TryReadPayload(out var payload))
                {
                    result.Add(payload.Source.Address.ToString());
                    result.Add(payload.Destination.Address.ToString());
                }
            }
        }

        decoder.Complete();
        while (decoder.TryReadPayload(out var payload))
        {
            result.Add(payload.Source.Address.ToString());
            result.Add(payload.Destination.Address.ToString());
        }

        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return result;
    }

    [GeneratedRegex("^sips?:([^@;>]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UserPart();

    [GeneratedRegex("(?:nonce|cnonce|response|opaque)=\"([^\"]{6,})\"|;tag=([0-9A-Za-z.\\-_]{6,})|(?im:^(?:Call-ID|i):[ \\t]*([^\\r\\n]{6,}))")]
    private static partial Regex Secret();
}
