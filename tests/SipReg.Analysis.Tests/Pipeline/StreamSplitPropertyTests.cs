using FsCheck;
using FsCheck.Fluent;
using SipReg.Analysis.Pipeline;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The analysis does not depend on how the capture arrives: whole, or as a slow stream split at arbitrary points
/// (a pipe from tcpdump), it reaches the same status, flows, findings and accounting.
/// </summary>
public sealed class StreamSplitPropertyTests
{
    private static readonly string[] s_captures =
    [
        "live/01_healthy_www_auth_refresh.pcap",
        "live/03a_proxy_auth_loop_407.pcapng",
        "live/08b_tcp_split_and_coalesced_crafted.pcap",
        "live/07f_dns_tcp_srv_a.pcap",
        "edge/tcp_sip_retrans_ooo.pcap",
        "edge/net_ipv4_frag_dup_overlap.pcap",
        "edge/ng_multi_section.pcapng",
    ];

    [Fact]
    public void Splitting_the_input_anywhere_gives_the_same_analysis()
    {
        var whole = s_captures.ToDictionary(c => c, c => Describe(Analyze(File.ReadAllBytes(Corpus.PathOf(c)), [int.MaxValue])));
        var chunks = Gen.ListOf(Gen.Choose(1, 700)).Select(l => l.ToArray()).Where(a => a.Length > 0);
        var gen = from capture in Gen.Elements(s_captures)
                  from sizes in chunks
                  select (capture, sizes);

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var bytes = File.ReadAllBytes(Corpus.PathOf(input.capture));
            var split = Describe(Analyze(bytes, input.sizes));
            return split == whole[input.capture];
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    private static CaptureAnalysis Analyze(byte[] capture, int[] chunkSizes) => AnalyzeAsync(capture, chunkSizes).GetAwaiter().GetResult();

    private static async Task<CaptureAnalysis> AnalyzeAsync(byte[] capture, int[] chunkSizes)
    {
        await using var source = CaptureMessageSource.Create(new ChunkedStream(capture, chunkSizes));
        return await CaptureAnalyzer.AnalyzeAsync(source);
    }

    private static string Describe(CaptureAnalysis a)
    {
        var flows = string.Join(";", a.Report.Flows.Select(f => $"{f.AddressOfRecord}|{f.CallId}|{f.Status}|{f.Challenges}|{f.GrantedExpires}|" +
            string.Join(",", f.Transactions.Select(t => $"{string.Join("/", t.RequestFrames)}>{t.FinalStatus}@{t.FinalFrame}"))));
        var findings = string.Join(";", a.Report.Findings.Select(f => $"{f.Rule}|{f.Severity}|{string.Join(",", f.Frames)}"));
        var acc = a.Accounting;
        return $"{a.Report.StatusName}\n{flows}\n{findings}\n{acc.Records} {acc.Sip} {acc.Dns} {acc.KeepAlive} {acc.Other} {acc.Malformed} {acc.Capped} {acc.PendingReassembly}";
    }

    /// <summary>A stream that hands out at most the next chunk size per read, cycling through the sizes.</summary>
    private sealed class ChunkedStream(byte[] data, int[] sizes) : Stream
    {
        private int _position;
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(buffer.Length, sizes[_next++ % sizes.Length]), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
