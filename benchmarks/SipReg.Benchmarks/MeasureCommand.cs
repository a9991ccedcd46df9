using System.Diagnostics;
using System.Globalization;
using SipReg.Analysis.Pipeline;
using SipReg.Pcap;

namespace SipReg.Benchmarks;

/// <summary>
/// <c>measure FILE [--repeat N]</c>: a quick Stopwatch harness for tuning the end-to-end path between BenchmarkDotNet
/// runs. The file is read into memory once; each stage (records; messages; typed: messages plus every typed SIP
/// header; facts; analysis) is timed with the bytes the process allocated (every thread: the analysis runs the analyzer
/// on a thread of its own), the GC counts and what the last GC left in each generation.
/// </summary>
internal static class MeasureCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "parsers")
        {
            MeasureParsers();
            return 0;
        }

        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: measure FILE [--repeat N] [--stage records|messages|typed|facts|analyze]");
            return 2;
        }

        byte[] capture = await File.ReadAllBytesAsync(args[0]).ConfigureAwait(false);
        int repeat = 3;
        string? only = null;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--repeat")
            {
                repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--stage")
            {
                only = args[i + 1];
            }
        }

        for (int r = 0; r < repeat; r++)
        {
            if (only is null or "records")
            {
                await TimeAsync("records", capture, async () =>
                {
                    await using var reader = CaptureReader.Create(new MemoryStream(capture, writable: false));
                    long n = 0;
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        while (reader.TryReadPacket(out _))
                        {
                            n++;
                        }
                    }

                    return n;
                }).ConfigureAwait(false);
            }

            if (only is null or "messages")
            {
                await TimeAsync("messages", capture, async () =>
                {
                    await using var source = CaptureMessageSource.Create(new MemoryStream(capture, writable: false));
                    long n = 0;
                    while (await source.ReadAsync().ConfigureAwait(false))
                    {
                        while (source.TryReadMessage(out _))
                        {
                            n++;
                        }
                    }

                    return n;
                }).ConfigureAwait(false);
            }

            if (only is null or "typed")
            {
                await TimeAsync("typed", capture, async () =>
                {
                    await using var source = CaptureMessageSource.Create(new MemoryStream(capture, writable: false));
                    long n = 0;
                    while (await source.ReadAsync().ConfigureAwait(false))
                    {
                        while (source.TryReadMessage(out var message))
                        {
                            if (message.Kind == CaptureMessageKind.Sip && message.Sip is { } sip && (sip.IsRequest || sip.IsResponse))
                            {
                                n += Sip.SipHeaderReading.ReadAll(sip) != 0 ? 1 : 0;
                            }
                        }
                    }

                    return n;
                }).ConfigureAwait(false);
            }

            if (only is null or "facts")
            {
                await TimeAsync("facts", capture, async () =>
                {
                    await using var source = CaptureMessageSource.Create(new MemoryStream(capture, writable: false));
                    var texts = new FactTextCache();
                    long n = 0;
                    while (await source.ReadAsync().ConfigureAwait(false))
                    {
                        while (source.TryReadMessage(out var message))
                        {
                            if (message.Kind == CaptureMessageKind.Sip && message.Sip is { } sip && (sip.IsRequest || sip.IsResponse))
                            {
                                n += SipFactReader.Read(sip, message, texts).Length > 0 ? 1 : 0;
                            }
                        }
                    }

                    return n;
                }).ConfigureAwait(false);
            }

            if (only is null or "analyze")
            {
                await TimeAsync("analyze", capture, async () =>
                {
                    await using var source = CaptureMessageSource.Create(new MemoryStream(capture, writable: false));
                    var analysis = await CaptureAnalyzer.AnalyzeAsync(source).ConfigureAwait(false);
                    return analysis.SipMessages;
                }).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary><c>measure parsers</c>: ns per SIP message and DNS answer, each loop timed for about a second.</summary>
    private static void MeasureParsers()
    {
        foreach (var name in Sip.SipSamples.Names)
        {
            var bench = new Sip.SipParsingBenchmarks { Message = name };
            bench.Prepare();
            Time("SIP " + name + " span search", () => bench.FindStartLineAndHeaderEnd());
            Time("SIP " + name + " parse", () => bench.Parse());
            Time("SIP " + name + " parse + typed", () => bench.ParseAndReadHeaders());
        }

        foreach (var name in Dns.DnsSamples.Names)
        {
            var bench = new Dns.DnsDecodingBenchmarks { Message = name };
            bench.Prepare();
            Time("DNS " + name + " read", () => bench.Read());
            Time("DNS " + name + " read + walk", () => bench.ReadAndWalk());
        }
    }

    private static void Time(string what, Func<long> body)
    {
        for (int i = 0; i < 100_000; i++)
        {
            body();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        long n = 0;
        while (stopwatch.ElapsedMilliseconds < 1000)
        {
            for (int i = 0; i < 10_000; i++)
            {
                body();
            }

            n += 10_000;
        }

        double ns = stopwatch.Elapsed.TotalNanoseconds / n;
        process.Refresh();
        // CPU time: on a machine shared with other jobs, wall time counts the waits for a core too.
        double cpuNs = (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} wall {ns,9:N1} ns  cpu {cpuNs,9:N1} ns {1e9 / cpuNs,14:N0} /s of cpu  {(double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / n:N1} B/op"));
    }

    private static async Task TimeAsync(string stage, byte[] capture, Func<Task<long>> run)
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var stopwatch = Stopwatch.StartNew();
        long count = await run().ConfigureAwait(false);
        stopwatch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        double seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stage,-9} {seconds * 1000,8:N0} ms {capture.Length / seconds / 1e6,8:N0} MB/s {count / seconds,12:N0} items/s  count {count:N0}  alloc {allocated / 1e6,8:N1} MB ({(double)allocated / Math.Max(1, count),6:N0} B/item)  gc0 {GC.CollectionCount(0) - gen0} gc2 {GC.CollectionCount(2) - gen2}"));
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"          last GC #{info.Index} gen{info.Generation}: heap {info.HeapSizeBytes / 1e6:N1} MB, committed {info.TotalCommittedBytes / 1e6:N1} MB, fragmented {info.FragmentedBytes / 1e6:N1} MB, promoted {info.PromotedBytes / 1e6:N1} MB, gen sizes after {string.Join(" / ", info.GenerationInfo.ToArray().Select(g => (g.SizeAfterBytes / 1e6).ToString("N1", CultureInfo.InvariantCulture)))} MB"));
    }
}
