using FsCheck;
using FsCheck.Fluent;

namespace SipReg.Dns.Tests;

/// <summary>FsCheck generators of DNS message models (names from a small label pool so that compression has work to do).</summary>
public static class DnsGenerators
{
    private static readonly string[] s_labels = ["example", "com", "sip", "sip1", "_sip", "_udp", "_tcp", "a", "b-2", "net", "x"];

    public static Gen<string> Name =>
        from count in Gen.Choose(0, 4)
        from labels in Gen.Elements(s_labels).ArrayOf(count)
        select string.Join('.', labels);

    private static Gen<ushort> U16 => Gen.Choose(0, 65535).Select(i => (ushort)i);

    private static Gen<uint> U32 => ArbMap.Default.GeneratorFor<uint>();

    private static Gen<string> CharacterString =>
        from length in Gen.Choose(0, 12)
        from chars in Gen.Elements("SIPD+2Uabc!^$.*@:".ToCharArray()).ArrayOf(length)
        select new string(chars);

    public static Gen<DnsTestData> Data => Gen.OneOf(
        Gen.Choose(0, 255).ArrayOf(4).Select(b => (DnsTestData)new AddressData(b.Select(x => (byte)x).ToArray())),
        Gen.Choose(0, 255).ArrayOf(16).Select(b => (DnsTestData)new AddressData(b.Select(x => (byte)x).ToArray())),
        from t in Gen.Elements<ushort>(5, 2, 12) from n in Name select (DnsTestData)new NameData(t, n),
        from p in U16 from n in Name select (DnsTestData)new MxData(p, n),
        from p in U16 from w in U16 from port in U16 from n in Name select (DnsTestData)new SrvData(p, w, port, n),
        from o in U16 from p in U16 from f in CharacterString from s in CharacterString from r in CharacterString from n in Name
        select (DnsTestData)new NaptrData(o, p, f, s, r, n),
        from count in Gen.Choose(0, 3) from strings in CharacterString.ArrayOf(count) select (DnsTestData)new TxtData(strings),
        from m in Name from r in Name from a in U32 from b in U32 from c in U32 from d in U32 from e in U32
        select (DnsTestData)new SoaData(m, r, a, b, c, d, e),
        from t in Gen.Elements<ushort>(99, 257, 65280) from length in Gen.Choose(0, 8) from bytes in Gen.Choose(0, 255).ArrayOf(length)
        select (DnsTestData)new RawData(t, bytes.Select(x => (byte)x).ToArray()));

    private static Gen<DnsTestRecord> Record =>
        from name in Name
        from cls in Gen.Elements<ushort>(1, 3, 0x8001)
        from ttl in U32
        from data in Data
        select new DnsTestRecord(name, cls, ttl, data);

    private static Gen<DnsTestQuestion> Question =>
        from name in Name
        from type in Gen.Elements<ushort>(1, 28, 33, 35, 255, 1234)
        select new DnsTestQuestion(name, type, 1);

    public static Gen<DnsTestMessage> Message =>
        from id in U16
        from flags in U16.Select(f => (ushort)(f & 0xFFF0))   // RCODE 0: no OPT in the model
        from qd in Gen.Choose(0, 2)
        from questions in Question.ArrayOf(qd)
        from an in Gen.Choose(0, 4)
        from answers in Record.ArrayOf(an)
        from ns in Gen.Choose(0, 2)
        from authorities in Record.ArrayOf(ns)
        from ar in Gen.Choose(0, 3)
        from additionals in Record.ArrayOf(ar)
        select new DnsTestMessage(id, flags, questions, answers, authorities, additionals);
}
