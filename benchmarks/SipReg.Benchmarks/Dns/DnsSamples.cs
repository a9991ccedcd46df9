using System.Buffers.Binary;
using System.Text;

namespace SipReg.Benchmarks.Dns;

/// <summary>
/// RFC 3263 lookups as a resolver answers them, with name compression (RFC 1035 §4.1.4): written here so the
/// benchmark also builds against an older SipReg.Dns package.
/// </summary>
public static class DnsSamples
{
    /// <summary>The sample names the benchmarks take as a parameter.</summary>
    public static IEnumerable<string> Names => ["SRV+additionals", "NAPTR"];

    /// <summary>The bytes of a sample (one UDP payload).</summary>
    public static byte[] Get(string name) => name switch
    {
        "SRV+additionals" => Srv(),
        "NAPTR" => Naptr(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown sample."),
    };

    private const ushort TypeA = 1, TypeAaaa = 28, TypeSrv = 33, TypeNaptr = 35;

    /// <summary>_sip._udp.sipreg.test SRV: two targets, their A records and one AAAA as additionals.</summary>
    private static byte[] Srv()
    {
        var w = new Writer();
        w.Header(answers: 2, additionals: 3);
        int question = w.Name("_sip._udp.sipreg.test");
        w.U16(TypeSrv).U16(1);
        int sip1 = 0, sip2 = 0;
        for (int i = 1; i <= 2; i++)
        {
            w.Pointer(question).U16(TypeSrv).U16(1).U32(300);
            int rdLength = w.Reserve();
            w.U16(10).U16((ushort)(i == 1 ? 60 : 40)).U16(5060);
            int target = w.Name("sip" + i + ".sipreg.test");
            if (i == 1) sip1 = target; else sip2 = target;
            w.EndData(rdLength);
        }

        w.Pointer(sip1).U16(TypeA).U16(1).U32(300).U16(4).Bytes([198, 51, 100, 10]);
        w.Pointer(sip2).U16(TypeA).U16(1).U32(300).U16(4).Bytes([198, 51, 100, 11]);
        w.Pointer(sip1).U16(TypeAaaa).U16(1).U32(300).U16(16).Bytes([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]);
        return w.ToArray();
    }

    /// <summary>sipreg.test NAPTR: SIPS over TCP, SIP over TCP and SIP over UDP (RFC 3263 §4.1).</summary>
    private static byte[] Naptr()
    {
        var w = new Writer();
        w.Header(answers: 3, additionals: 0);
        int question = w.Name("sipreg.test");
        w.U16(TypeNaptr).U16(1);
        (string Service, string Replacement)[] records = [("SIPS+D2T", "_sips._tcp"), ("SIP+D2T", "_sip._tcp"), ("SIP+D2U", "_sip._udp")];
        ushort order = 10;
        foreach (var (service, replacement) in records)
        {
            w.Pointer(question).U16(TypeNaptr).U16(1).U32(300);
            int rdLength = w.Reserve();
            w.U16(order).U16(50).CharacterString("s").CharacterString(service).CharacterString("");
            w.Labels(replacement).Pointer(question);
            w.EndData(rdLength);
            order += 10;
        }

        return w.ToArray();
    }

    private sealed class Writer
    {
        private readonly MemoryStream _stream = new();

        public void Header(ushort answers, ushort additionals)
        {
            U16(0x4a2f).U16(0x8180).U16(1).U16(answers).U16(0).U16(additionals);
        }

        public Writer U16(ushort value)
        {
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
            _stream.Write(b);
            return this;
        }

        public Writer U32(uint value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
            _stream.Write(b);
            return this;
        }

        public Writer Bytes(ReadOnlySpan<byte> bytes)
        {
            _stream.Write(bytes);
            return this;
        }

        /// <summary>Writes a full name; returns its offset for later pointers.</summary>
        public int Name(string name)
        {
            int offset = (int)_stream.Position;
            Labels(name);
            _stream.WriteByte(0);
            return offset;
        }

        /// <summary>Writes labels without the terminating root label (a pointer follows).</summary>
        public Writer Labels(string name)
        {
            foreach (var label in name.Split('.'))
            {
                CharacterString(label);
            }

            return this;
        }

        public Writer CharacterString(string text)
        {
            _stream.WriteByte((byte)text.Length);
            _stream.Write(Encoding.ASCII.GetBytes(text));
            return this;
        }

        public Writer Pointer(int offset) => U16((ushort)(0xC000 | offset));

        public int Reserve()
        {
            int at = (int)_stream.Position;
            U16(0);
            return at;
        }

        public void EndData(int rdLengthOffset)
        {
            long end = _stream.Position;
            _stream.Position = rdLengthOffset;
            U16((ushort)(end - rdLengthOffset - 2));
            _stream.Position = end;
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
