using System.Security.Cryptography;
using SipReg.Pcap;

namespace SipReg.Analysis.Redaction;

/// <summary>
/// Writes a capture back with its identities masked, so it can be shared and still analyses to the same result:
/// IP addresses mapped consistently into documentation ranges, and SIP user parts, host names, display names,
/// Call-IDs, tags, branches, nonces, digest responses, usernames, realms and +sip.instance UUIDs masked consistently.
/// DNS names and A/AAAA answers get the same mappings, so lookups still line up with the SIP domains.
/// </summary>
/// <remarks>
/// <code>
/// var redactor = new CaptureRedactor(new RedactionOptions { Key = Convert.FromHexString("00112233") });
/// RedactionSummary summary = await redactor.RedactFileAsync("customer.pcapng", "shareable.pcapng");
/// </code>
/// <para>
/// Every replacement has the byte length of what it replaces (a keyed HMAC-SHA256 of the original picks digits for
/// digits, letters for letters, hex for hex; punctuation is kept), so Content-Length, IP and UDP lengths, TCP sequence
/// numbers and fragment offsets stay valid; IPv4, UDP, TCP, ICMP and GRE checksums are updated (RFC 1624), and a
/// checksum that was wrong before stays exactly as wrong. Equal originals give equal replacements across the whole
/// capture, distinct ones distinct replacements, which is what keeps flows, transactions and nonce reuse analysable.
/// </para>
/// <para>
/// IPv4 addresses go to 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 with the same text length as the original
/// (so they can be rewritten inside SIP text); once those ranges have no free address of the right length they spill
/// into 198.18.0.0/15 (benchmarking), then 240.0.0.0/4 and 0.0.0.0/8, neither routable. Private addresses stay in
/// their private block (10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16) so NAT evidence reads the same; loopback,
/// 0.0.0.0, multicast and broadcast are kept. IPv6 keeps its first 16 bits (its class) and zero groups, every other
/// group is replaced by one with the same number of hex digits (2001:db8::/32 cannot hold the text lengths of
/// arbitrary addresses).
/// </para>
/// <para>
/// The whole capture is held in memory (two passes: TCP streams and IP fragments are reassembled to mask tokens that
/// cross packet boundaries). The output has the input's format (pcap or pcapng, byte order, link types, interfaces and
/// sections) and the same timestamps; a gzip-compressed input is written uncompressed; pcapng comments, interface
/// names and section metadata are dropped since they may hold names. Payloads other than SIP and DNS (RTP, STUN, TLS,
/// HTTP) are kept byte for byte, as are MAC addresses.
/// </para>
/// </remarks>
public sealed class CaptureRedactor
{
    private readonly RedactionOptions _options;

    /// <summary>Creates a redactor.</summary>
    /// <param name="options">Key and address handling; null for the defaults (random key, addresses mapped).</param>
    public CaptureRedactor(RedactionOptions? options = null) => _options = options ?? new RedactionOptions();

    /// <summary>Redacts a capture file into another file.</summary>
    /// <param name="inputPath">The capture (pcap, pcapng, optionally gzip-compressed).</param>
    /// <param name="outputPath">Where the redacted capture goes (created or overwritten).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="PcapException">The input is not a capture.</exception>
    /// <exception cref="IOException">A file cannot be opened.</exception>
    /// <exception cref="InvalidOperationException">More distinct addresses of one text length than the replacement ranges hold.</exception>
    public async Task<RedactionSummary> RedactFileAsync(string inputPath, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        await using var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var packets = await ReadAsync(input, cancellationToken).ConfigureAwait(false);
        await using var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return await WriteAsync(packets, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Redacts a capture read from a stream into another stream.</summary>
    /// <param name="input">The capture (pcap, pcapng, optionally gzip-compressed); read to its end, left open.</param>
    /// <param name="output">Where the redacted capture is written; flushed, left open.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="PcapException">The input is not a capture.</exception>
    /// <exception cref="InvalidOperationException">More distinct addresses of one text length than the replacement ranges hold.</exception>
    public async Task<RedactionSummary> RedactAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var packets = await ReadAsync(input, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(packets, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Capture> ReadAsync(Stream input, CancellationToken cancellationToken)
    {
        var packets = new List<HeldPacket>();
        await using var reader = CaptureReader.Create(input, leaveOpen: true);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryReadPacket(out var packet))
            {
                packets.Add(new HeldPacket(packet.Data.ToArray(), packet.TimestampNanoseconds, packet.HasTimestamp, packet.InterfaceIndex,
                    packet.OriginalLength, packet.LinkType));
            }
        }

        return new Capture(packets, reader.Format, reader.IsCompressed, [.. reader.Sections], [.. reader.Interfaces], reader.Error?.ToString());
    }

    private async Task<RedactionSummary> WriteAsync(Capture capture, Stream output, CancellationToken cancellationToken)
    {
        var key = _options.Key ?? RandomNumberGenerator.GetBytes(32);
        var tokens = new TokenMasker(key);
        var addresses = _options.KeepAddresses ? null : new AddressMapper(key);
        var rewriter = new PacketRewriter(tokens, addresses);
        foreach (var packet in capture.Packets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rewriter.Walk(packet);
        }

        rewriter.Complete(capture.Packets);

        // Not disposed: disposing a BufferedStream closes the caller's stream, which the API promises to leave open.
        var buffered = new BufferedStream(output, 1 << 16);
        var writer = new SectionedWriter(capture, buffered);
        await using (writer.Writer.ConfigureAwait(false))
        {
            foreach (var packet in capture.Packets)
            {
                writer.Write(packet);
            }
        }

        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);

        long rewritten = 0;
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var packet in capture.Packets)
        {
            if (!packet.Data.AsSpan().SequenceEqual(packet.Original))
            {
                rewritten++;
                continue;
            }

            var reason = packet.Unchanged ?? "nothing to mask";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }

        return new RedactionSummary
        {
            Format = capture.Format,
            InputWasCompressed = capture.Compressed,
            Packets = capture.Packets.Count,
            PacketsRewritten = rewritten,
            PacketsUnchanged = capture.Packets.Count - rewritten,
            AddressesMapped = addresses?.Count ?? 0,
            TokensMasked = tokens.Masked,
            DistinctTokensMasked = tokens.Distinct,
            UnchangedReasons = reasons,
            Notes = rewriter.Notes,
            InputError = capture.Error,
            AddressMap = addresses?.Mappings ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>Writes packets section by section: a pcapng section's interfaces are defined when its first packet comes.</summary>
    private sealed class SectionedWriter
    {
        private readonly Capture _capture;
        private readonly Dictionary<int, int> _interfaceMap = [];
        private readonly Dictionary<int, CaptureInterface> _interfaces;
        private readonly HashSet<int> _needNanoseconds = [];
        private int _section;

        public SectionedWriter(Capture capture, Stream output)
        {
            _capture = capture;
            _interfaces = capture.Interfaces.ToDictionary(i => i.Index);
            foreach (var packet in capture.Packets)
            {
                if (packet.HasTimestamp && packet.TimestampNanoseconds % 1000 != 0)
                {
                    _needNanoseconds.Add(packet.InterfaceIndex);
                }
            }

            var first = capture.Interfaces.Count > 0 ? capture.Interfaces[0] : null;

            // Timestamps are written in µs when the interface was µs and every time fits, else in ns, always without
            // if_tsoffset: the absolute times read back are the same as the input's.
            Writer = new CaptureWriter(output, new CaptureWriterOptions
            {
                Format = capture.Format == CaptureFormat.Pcap ? CaptureFormat.Pcap : CaptureFormat.PcapNg,
                BigEndian = BigEndian(0),
                Nanoseconds = first is not null && Nanoseconds(first),
                LinkType = first?.LinkType ?? LinkType.Ethernet,
                SnapLength = first?.SnapLength ?? 262144,
                UserApplication = null,
                LeaveOpen = true,
            });
            if (first is null)
            {
                return;
            }

            _section = first.SectionIndex;
            _interfaceMap[first.Index] = 0;
            AddInterfaces(_section, first.Index);
        }

        public CaptureWriter Writer { get; }

        public void Write(HeldPacket packet)
        {
            var length = Math.Max(packet.OriginalLength, packet.Data.Length);
            if (Writer.Format == CaptureFormat.PcapNg && _interfaces.TryGetValue(packet.InterfaceIndex, out var captureInterface))
            {
                while (_section < captureInterface.SectionIndex)
                {
                    _section++;
                    Writer.StartSection(BigEndian(_section));
                    AddInterfaces(_section, -1);
                }
            }

            if (!packet.HasTimestamp && Writer.Format == CaptureFormat.PcapNg)
            {
                Writer.WriteSimplePacket(packet.Data, length);
            }
            else
            {
                Writer.WritePacket(packet.Data, Math.Max(0, packet.TimestampNanoseconds), length, _interfaceMap.GetValueOrDefault(packet.InterfaceIndex));
            }
        }

        /// <summary>µs when the interface was µs and every time fits (a saturated or offset time may not), else ns.</summary>
        private bool Nanoseconds(CaptureInterface captureInterface) =>
            captureInterface.TimestampResolutionCode != 6 || _needNanoseconds.Contains(captureInterface.Index);

        private bool BigEndian(int section) => _capture.Sections.FirstOrDefault(s => s.Index == section)?.IsBigEndian ?? false;

        private void AddInterfaces(int section, int skip)
        {
            if (Writer.Format != CaptureFormat.PcapNg)
            {
                return;
            }

            foreach (var i in _capture.Interfaces.Where(i => i.SectionIndex == section && i.Index != skip))
            {
                _interfaceMap[i.Index] = Writer.AddInterface(i.LinkType, i.SnapLength, Nanoseconds(i) ? (byte)9 : (byte)6);
            }
        }
    }

    private sealed record Capture(List<HeldPacket> Packets, CaptureFormat Format, bool Compressed, List<CaptureSection> Sections,
        List<CaptureInterface> Interfaces, string? Error);
}
