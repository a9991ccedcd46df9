using SipReg.Testing;

namespace SipReg.Pcap.Tests.Network;

/// <summary>Everything decoding one corpus capture produced.</summary>
internal sealed record DecodeOutcome(long RecordsRead, List<DecodedPayload> Payloads, PacketDecoderCounters Counters,
    IReadOnlyList<PacketDiagnostic> Diagnostics)
{
    public long RecordCountSum => Payloads.Sum(p => (long)p.RecordCount);

    public IEnumerable<DecodedPayload> Stream(bool fromClient) =>
        Payloads.Where(p => p.Kind == TransportPayloadKind.StreamData && p.IsFromClient == fromClient);

    public string StreamText(bool fromClient) => string.Concat(Stream(fromClient).Select(p => p.Text));
}

/// <summary>Reads a corpus capture with <see cref="CaptureReader"/> and decodes every record, the way consumers do.</summary>
internal static class CorpusDecoding
{
    public static async Task<DecodeOutcome> DecodeAsync(string corpusRelative, PacketDecoderOptions? options = null)
    {
        using var decoder = new PacketDecoder(options);
        var payloads = new List<DecodedPayload>();
        long records = 0;
        CaptureReader reader;
        try
        {
            reader = CaptureReader.Open(Corpus.PathOf(corpusRelative));
        }
        catch (PcapException)
        {
            return new DecodeOutcome(0, payloads, decoder.Counters, decoder.Diagnostics);
        }

        await using (reader)
        {
            try
            {
                while (await reader.ReadAsync())
                {
                    while (reader.TryReadPacket(out var packet))
                    {
                        records++;
                        decoder.Decode(packet);
                        Drain(decoder, payloads);
                    }
                }
            }
            catch (PcapException)
            {
                // Not a capture at all (garbage, empty): nothing to decode.
            }
        }

        decoder.Complete();
        Drain(decoder, payloads);
        return new DecodeOutcome(records, payloads, decoder.Counters, decoder.Diagnostics);
    }

    private static void Drain(PacketDecoder decoder, List<DecodedPayload> payloads)
    {
        while (decoder.TryReadPayload(out var payload))
        {
            payloads.Add(DecodedPayload.From(payload));
        }
    }
}
