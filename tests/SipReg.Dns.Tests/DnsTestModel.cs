using System.Text;

namespace SipReg.Dns.Tests;

/// <summary>A DNS message as plain data, for the test encoder and for round-trip comparisons.</summary>
public sealed record DnsTestMessage(
    ushort Id,
    ushort Flags,
    DnsTestQuestion[] Questions,
    DnsTestRecord[] Answers,
    DnsTestRecord[] Authorities,
    DnsTestRecord[] Additionals)
{
    /// <summary>A canonical text form, written from the model only (independent of the decoder).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append("id=").Append(Id).Append(" flags=").Append(Flags).Append('\n');
        foreach (var q in Questions)
        {
            sb.Append("Q ").Append(q.Name).Append(' ').Append(q.Type).Append(' ').Append(q.Class).Append('\n');
        }

        Append(sb, "AN", Answers);
        Append(sb, "NS", Authorities);
        Append(sb, "AR", Additionals);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string section, DnsTestRecord[] records)
    {
        foreach (var r in records)
        {
            sb.Append(section).Append(' ').Append(r.Name).Append(' ').Append(r.Type).Append(' ').Append(r.Class).Append(' ').Append(r.Ttl)
                .Append(' ').Append(r.Data.Describe()).Append('\n');
        }
    }
}

/// <summary>A question: dotted name ("" = root), type, class.</summary>
public sealed record DnsTestQuestion(string Name, ushort Type, ushort Class);

/// <summary>A resource record with typed data.</summary>
public sealed record DnsTestRecord(string Name, ushort Class, uint Ttl, DnsTestData Data)
{
    public ushort Type => Data.Type;
}

/// <summary>Typed record data.</summary>
public abstract record DnsTestData(ushort Type)
{
    public abstract string Describe();
}

public sealed record AddressData(byte[] Address) : DnsTestData(Address.Length == 4 ? (ushort)1 : (ushort)28)
{
    public override string Describe() => Convert.ToHexString(Address);
}

/// <summary>CNAME (5), NS (2) or PTR (12).</summary>
public sealed record NameData(ushort RecordType, string Target) : DnsTestData(RecordType)
{
    public override string Describe() => Target;
}

public sealed record MxData(ushort Preference, string Exchange) : DnsTestData(15)
{
    public override string Describe() => $"{Preference} {Exchange}";
}

public sealed record SrvData(ushort Priority, ushort Weight, ushort Port, string Target) : DnsTestData(33)
{
    public override string Describe() => $"{Priority} {Weight} {Port} {Target}";
}

public sealed record NaptrData(ushort Order, ushort Preference, string Flags, string Services, string Regexp, string Replacement) : DnsTestData(35)
{
    public override string Describe() => $"{Order} {Preference} [{Flags}] [{Services}] [{Regexp}] {Replacement}";
}

public sealed record TxtData(string[] Strings) : DnsTestData(16)
{
    public override string Describe() => string.Join("|", Strings);
}

public sealed record SoaData(string MName, string RName, uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum) : DnsTestData(6)
{
    public override string Describe() => $"{MName} {RName} {Serial} {Refresh} {Retry} {Expire} {Minimum}";
}

public sealed record RawData(ushort RecordType, byte[] Bytes) : DnsTestData(RecordType)
{
    public override string Describe() => Convert.ToHexString(Bytes);
}
