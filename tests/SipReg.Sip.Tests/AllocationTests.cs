using System.Buffers;
using static SipReg.Sip.Tests.TestText;

namespace SipReg.Sip.Tests;

public class AllocationTests
{
    [Fact]
    public void Parsing_and_reading_every_typed_header_allocates_nothing_after_warm_up()
    {
        var messages = new[] { B(Register).ToArray(), B(Unauthorized).ToArray(), B(Ok).ToArray() };
        var m = new SipMessage();
        long sink = 0;
        for (var i = 0; i < 3; i++)
        {
            foreach (var bytes in messages)
            {
                sink += ReadAll(m, bytes);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var bytes in messages)
            {
                sink += ReadAll(m, bytes);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(sink > 0);
    }

    [Fact]
    public void Framing_single_and_multi_segment_buffers_allocates_nothing_after_warm_up()
    {
        var bytes = B(Ok + Register).ToArray();
        var single = new ReadOnlySequence<byte>(bytes);
        var split = Segments.Split(bytes, 100);
        long sink = 0;
        sink += SipStreamFramer.Scan(split, false, default).Length;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sink += SipStreamFramer.Scan(single, false, default).Length;
            sink += SipStreamFramer.Scan(split, false, default).Length;
            sink += (int)SipKeepAlive.Classify(bytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink > 0);
    }

    internal static long ReadAll(SipMessage m, byte[] bytes)
    {
        m.Parse(bytes, SipTransportKind.Datagram);
        long n = m.Method.Length + m.RequestUri.Length + m.StatusCode + m.ReasonPhrase.Length + m.CallId.Length + m.Diagnostics.Length;
        if (m.TryGetCSeq(out var cseq))
        {
            n += cseq.Number + cseq.Method.Length;
        }

        if (m.TryGetFrom(out var from))
        {
            n += from.Tag.Length + from.Uri.Length + from.DisplayName.Length;
        }

        if (m.TryGetTo(out var to))
        {
            n += to.Tag.Length + (to.TryGetUri(out var u) ? u.Host.Length + u.Port : 0);
        }

        foreach (var via in m.Vias)
        {
            n += via.Branch.Length + via.SentBy.Length + via.Received.Length + via.RPort + (via.HasRPort ? 1 : 0) + via.Transport.Length;
        }

        foreach (var c in m.Contacts)
        {
            n += c.Uri.Length + c.InstanceId.Length + c.PubGruu.Length + c.TempGruu.Length + (c.IsStar ? 1 : 0);
            n += c.TryGetExpires(out var e) ? e : 0;
            n += c.TryGetQ(out var q) ? q : 0;
            n += c.TryGetRegId(out var r) ? r : 0;
            if (c.Address.TryGetUri(out var cu))
            {
                n += (cu.HasOb ? 1 : 0) + cu.Transport.Length + cu.Gr.Length;
            }
        }

        n += m.TryGetExpires(out var ex) ? ex : 0;
        n += m.TryGetMinExpires(out var mx) ? mx : 0;
        foreach (var p in m.Path)
        {
            n += p.Uri.Length;
        }

        foreach (var p in m.ServiceRoute)
        {
            n += p.Uri.Length;
        }

        foreach (var p in m.Route)
        {
            n += p.Uri.Length;
        }

        foreach (var t in m.GetOptionTags(SipHeaderName.Supported))
        {
            n += t.Length;
        }

        foreach (var t in m.GetOptionTags(SipHeaderName.Require))
        {
            n += t.Length;
        }

        foreach (var ch in m.Challenges)
        {
            n += ch.Realm.Length + ch.Nonce.Length + ch.Opaque.Length + (int)ch.AlgorithmKind + ch.Qop.Length + (ch.IsStale ? 1 : 0);
            foreach (var q in ch.EnumerateQopOptions())
            {
                n += q.Length;
            }
        }

        foreach (var cr in m.Credentials)
        {
            n += cr.Username.Length + cr.Response.Length + cr.NonceCount.Length + cr.CNonce.Length;
        }

        if (m.TryGetAuthenticationInfo(out var info))
        {
            n += info.NextNonce.Length + info.RspAuth.Length;
        }

        if (m.TryGetRetryAfter(out var ra))
        {
            n += ra.DeltaSeconds;
        }

        n += m.UserAgent.Length + m.Server.Length + m.Body.Length;
        return n;
    }
}
