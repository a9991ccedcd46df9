using System.Text;
using SipReg.Analysis.Facts;
using SipReg.Analysis.Pipeline;
using SipReg.Generator;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>
/// The registration analyzer on a thread of its own (the default on two cores or more) reaches exactly what it
/// reaches inline: same status, flows, transactions, events and findings, fact for fact.
/// </summary>
public sealed class AnalyzerThreadTests
{
    private static readonly PipelineOptions s_inline = new() { AnalyzeOnSeparateThread = false };

    public static TheoryData<string> LiveCaptures() => Corpus.CaptureData("live");

    [Theory]
    [MemberData(nameof(LiveCaptures))]
    public async Task Separate_thread_equals_inline_on_live_captures(string capture)
    {
        var inline = await Describe(File.ReadAllBytes(Corpus.PathOf(capture)), s_inline);
        var threaded = await Describe(File.ReadAllBytes(Corpus.PathOf(capture)), new PipelineOptions());
        Assert.Equal(inline, threaded);
    }

    [Fact]
    public async Task Separate_thread_equals_inline_on_a_fleet_spanning_many_batches()
    {
        using var capture = new MemoryStream();
        var counts = CaptureGenerator.WriteFleet(new FleetSpec { Seed = 11, UserAgents = 300, TargetSipMessages = 30_000 }, capture);
        Assert.True(counts.SipMessages > 20 * AnalyzerThread.BatchSize, $"only {counts.SipMessages} SIP messages");

        var inline = await Describe(capture.ToArray(), s_inline);
        var threaded = await Describe(capture.ToArray(), new PipelineOptions());
        Assert.Equal(inline, threaded);
        Assert.Contains("flow ", threaded, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_of_the_analyzer_is_rethrown_by_Complete_and_the_reader_never_blocks()
    {
        var analyzer = new RegistrationAnalyzer();
        analyzer.Complete(); // every later Add throws InvalidOperationException
        using var thread = new AnalyzerThread(analyzer);

        // Far more than the queue holds: if the failed analyzer stopped draining, Add would block forever.
        for (var i = 0; i < AnalyzerThread.BatchSize * (AnalyzerThread.MaxBatchesInFlight + 4); i++)
        {
            thread.Add(new KeepAliveFact { FrameNumber = i + 1 });
        }

        Assert.Throws<InvalidOperationException>(thread.Complete);
    }

    /// <summary>Everything the report says, as text: a difference anywhere shows as a differing line.</summary>
    private static async Task<string> Describe(byte[] capture, PipelineOptions options)
    {
        await using var source = CaptureMessageSource.Create(new MemoryStream(capture), options);
        var analysis = await CaptureAnalyzer.AnalyzeAsync(source);
        var report = analysis.Report;
        var text = new StringBuilder();
        text.AppendLine($"status {report.StatusName} sip {analysis.SipMessages} dns {analysis.DnsMessages} keepalives {analysis.KeepAlives}");
        foreach (var flow in report.Model.Flows)
        {
            text.AppendLine($"flow {flow.Key} {flow.Status} tx {flow.TransactionCount} challenges {flow.Challenges} successes {flow.Successes} keepalives {flow.KeepAlives} granted {flow.GrantedExpires}");
            foreach (var t in flow.Transactions)
            {
                text.AppendLine($"  tx {t.Key} {t.Outcome} {t.FinalStatus} frames {string.Join(",", t.RequestFrames)} responses {t.Responses.Count} retransmissions {t.Retransmissions}");
            }

            foreach (var e in flow.Events)
            {
                text.AppendLine($"  event {e.Kind} {e.TimeNs} frames {string.Join(",", e.Frames)}");
            }
        }

        foreach (var span in report.Model.Bindings.Spans)
        {
            text.AppendLine($"binding {span.AddressOfRecord} {span.ContactUri} {span.FromNs}-{span.UntilNs} {span.End}");
        }

        foreach (var finding in report.Findings)
        {
            text.AppendLine($"finding {finding.Rule} {finding.Flow} {string.Join(",", finding.Frames)}");
        }

        return text.ToString();
    }
}
