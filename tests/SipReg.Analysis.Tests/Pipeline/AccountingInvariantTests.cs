using SipReg.Analysis.Pipeline;
using SipReg.Pcap;
using SipReg.Testing;

namespace SipReg.Analysis.Tests.Pipeline;

/// <summary>Every record of every corpus capture ends in exactly one accounting bucket: the nine add up to the records read.</summary>
public sealed class AccountingInvariantTests
{
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
    public async Task Buckets_add_up_to_the_records_read(string capture)
    {
        CaptureAnalysis analysis;
        try
        {
            analysis = await CaptureAnalyzer.AnalyzeFileAsync(Corpus.PathOf(capture));
        }
        catch (PcapException e)
        {
            // Not a capture at all (empty file, unknown magic): the only exception for bad bytes, and it says where.
            Assert.True(e.Offset >= 0, capture + ": " + e.Message);
            return;
        }

        var a = analysis.Accounting;
        Assert.True(a.Records == a.Accounted,
            $"{capture}: records {a.Records} != accounted {a.Accounted} (sip {a.Sip}, dns {a.Dns}, keepalive {a.KeepAlive}, other {a.Other}, " +
            $"unsupported {a.UnsupportedLinkType}, truncated {a.Truncated}, malformed {a.Malformed}, capped {a.Capped}, pending {a.PendingReassembly})");
        Assert.Equal(analysis.Capture.Packets, a.Records);
    }
}
