using System.Buffers.Binary;
using System.Text;

namespace SipReg.Dns.Tests;

/// <summary>
/// A test-only DNS encoder following RFC 1035 §4.1 wire format, with optional name compression (§4.1.4: every name
/// suffix already written is replaced by a pointer to its first occurrence), including names inside RDATA (also the
/// SRV target, which RFC 2782 says not to compress: real servers do it anyway).
/// </summary>
public sealed class DnsTestEncoder
{
    private readonly List<byte> _bytes = [];
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _compress;

    private DnsTestEncoder(bool compress) => _compress = compress;

    public static byte[] Encode(DnsTestMessage message, bool compress)
    {
        var e = new DnsTestEncoder(compress);
        e.U16(message.Id);
        e.U16(message.Flags);
        e.U16((ushort)message.Questions.Length);
        e.U16((ushort)message.Answers.Length);
        e.U16((ushort)message.Authorities.Length);
        e.U16((ushort)message.Additionals.Length);
        foreach (var q in message.Questions)
        {
            e.Name(q.Name);
            e.U16(q.Type);
            e.U16(q.Class);
        }

        foreach (var r in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            e.Record(r);
        }

        return [.. e._bytes];
    }

    private void Record(DnsTestRecord r)
    {
        Name(r.Name);
        U16(r.Type);
        U16(r.Class);
        U32(r.Ttl);
        int lengthAt = _bytes.Count;
        U16(0);
        int start = _bytes.Count;
        switch (r.Data)
        {
            case AddressData a:
                _bytes.AddRange(a.Address);
                break;
            case NameData n:
                Name(n.Target);
                break;
            case MxData mx:
                U16(mx.Preference);
                Name(mx.Exchange);
                break;
            case SrvData srv:
                U16(srv.Priority);
                U16(srv.Weight);
                U16(srv.Port);
                Name(srv.Target);
                break;
            case NaptrData naptr:
                U16(naptr.Order);
                U16(naptr.Preference);
                CharacterString(naptr.Flags);
                CharacterString(naptr.Services);
                CharacterString(naptr.Regexp);
                Name(naptr.Replacement);
                break;
            case TxtData txt:
                foreach (var s in txt.Strings)
                {
                    CharacterString(s);
                }

                break;
            case SoaData soa:
                Name(soa.MName);
                Name(soa.RName);
                U32(soa.Serial);
                U32(soa.Refresh);
                U32(soa.Retry);
                U32(soa.Expire);
                U32(soa.Minimum);
                break;
            case RawData raw:
                _bytes.AddRange(raw.Bytes);
                break;
        }

        int length = _bytes.Count - start;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
    }

    private void Name(string name)
    {
        string rest = name;
        while (rest.Length > 0)
        {
            if (_compress && _suffixes.TryGetValue(rest, out int target))
            {
                U16((ushort)(0xC000 | target));
                return;
            }

            if (_bytes.Count < 0x3FFF)
            {
                _suffixes.TryAdd(rest, _bytes.Count);
            }

            int dot = rest.IndexOf('.', StringComparison.Ordinal);
            string label = dot < 0 ? rest : rest[..dot];
            _bytes.Add((byte)label.Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(label));
            rest = dot < 0 ? "" : rest[(dot + 1)..];
        }

        _bytes.Add(0);
    }

    private void CharacterString(string s)
    {
        _bytes.Add((byte)s.Length);
        _bytes.AddRange(Encoding.ASCII.GetBytes(s));
    }

    private void U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, v);
        _bytes.AddRange(b.ToArray());
    }

    private void U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        _bytes.AddRange(b.ToArray());
    }
}
