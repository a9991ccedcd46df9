using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace SipReg.Generator.Dns;

/// <summary>DNS record types the scenarios use (RFC 1035, RFC 2782, RFC 3403, RFC 3596).</summary>
internal enum DnsType : ushort
{
    A = 1,
    Aaaa = 28,
    Srv = 33,
    Naptr = 35,
}

/// <summary>DNS response codes (RFC 1035 §4.1.1).</summary>
internal enum DnsRcode : byte
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NxDomain = 3,
    NotImp = 4,
    Refused = 5,
}

/// <summary>
/// Writes one DNS message in wire format: a header, one question and answers whose owner name is a compression
/// pointer to the question name (offset 12), as resolvers write them.
/// </summary>
internal sealed class DnsMessageBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private int _answerCount;

    /// <summary>Starts a query for <paramref name="name"/> (RD set).</summary>
    public static DnsMessageBuilder Query(ushort id, string name, DnsType type)
    {
        var builder = new DnsMessageBuilder();
        builder.WriteHeader(id, 0x0100, questions: 1);
        builder.WriteQuestion(name, type);
        return builder;
    }

    /// <summary>Starts a response (QR, RD, RA set) with <paramref name="rcode"/>, echoing the question.</summary>
    public static DnsMessageBuilder Response(ushort id, string name, DnsType type, DnsRcode rcode)
    {
        var builder = new DnsMessageBuilder();
        builder.WriteHeader(id, (ushort)(0x8180 | (ushort)rcode), questions: 1);
        builder.WriteQuestion(name, type);
        return builder;
    }

    public DnsMessageBuilder AddA(IPAddress address, int ttl = 300)
    {
        Span<byte> data = stackalloc byte[16];
        address.TryWriteBytes(data, out int length);
        WriteAnswerHeader(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsType.Aaaa : DnsType.A, ttl, length);
        _buffer.Write(data[..length]);
        return this;
    }

    /// <summary>Adds an SRV answer (RFC 2782): priority, weight, port, target.</summary>
    public DnsMessageBuilder AddSrv(ushort priority, ushort weight, ushort port, string target, int ttl = 300)
    {
        WriteAnswerHeader(DnsType.Srv, ttl, 6 + EncodedNameLength(target));
        WriteUInt16(priority);
        WriteUInt16(weight);
        WriteUInt16(port);
        WriteName(target);
        return this;
    }

    /// <summary>Adds a NAPTR answer (RFC 3403) with flags "S", a service such as "SIP+D2U" and an SRV replacement.</summary>
    public DnsMessageBuilder AddNaptr(ushort order, ushort preference, string service, string replacement, int ttl = 300)
    {
        WriteAnswerHeader(DnsType.Naptr, ttl, 4 + 2 + 1 + service.Length + 1 + EncodedNameLength(replacement));
        WriteUInt16(order);
        WriteUInt16(preference);
        WriteCharacterString("S");
        WriteCharacterString(service);
        WriteCharacterString("");
        WriteName(replacement);
        return this;
    }

    /// <summary>The message; when <paramref name="tcpLengthPrefix"/> is set, preceded by its 2-byte length (RFC 1035 §4.2.2).</summary>
    public byte[] ToArray(bool tcpLengthPrefix = false)
    {
        byte[] message = _buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), (ushort)_answerCount);
        if (!tcpLengthPrefix)
        {
            return message;
        }

        byte[] framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        return framed;
    }

    internal static int EncodedNameLength(string name) => name.Length == 0 ? 1 : name.TrimEnd('.').Length + 2;

    private void WriteHeader(ushort id, ushort flags, int questions)
    {
        WriteUInt16(id);
        WriteUInt16(flags);
        WriteUInt16((ushort)questions);
        WriteUInt16(0);
        WriteUInt16(0);
        WriteUInt16(0);
    }

    private void WriteQuestion(string name, DnsType type)
    {
        WriteName(name);
        WriteUInt16((ushort)type);
        WriteUInt16(1);
    }

    private void WriteAnswerHeader(DnsType type, int ttl, int dataLength)
    {
        _answerCount++;
        WriteUInt16(0xC00C);
        WriteUInt16((ushort)type);
        WriteUInt16(1);
        Span<byte> span = _buffer.GetSpan(4);
        BinaryPrimitives.WriteInt32BigEndian(span, ttl);
        _buffer.Advance(4);
        WriteUInt16((ushort)dataLength);
    }

    private void WriteName(string name)
    {
        foreach (string label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            WriteCharacterString(label);
        }

        _buffer.Write([(byte)0]);
    }

    private void WriteCharacterString(string text)
    {
        Span<byte> span = _buffer.GetSpan(text.Length + 1);
        span[0] = (byte)text.Length;
        Encoding.ASCII.GetBytes(text, span[1..]);
        _buffer.Advance(text.Length + 1);
    }

    private void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }
}
