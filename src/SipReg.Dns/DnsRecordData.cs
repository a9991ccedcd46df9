using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// Checks that a record's typed data consumes exactly RDLENGTH bytes and that its names decode (the rule
/// DnsClient.NET and BIND follow); unknown types are raw and always fit.
/// </summary>
internal static class DnsRecordData
{
    public static DnsDiagnosticReason Validate(
        ReadOnlySpan<byte> message, DnsRecordType type, int start, int end, scoped in DnsDecoderOptions options, out int errorOffset)
    {
        int length = end - start;
        errorOffset = start;
        int pos = start;
        DnsDiagnosticReason reason;
        switch (type)
        {
            case DnsRecordType.A:
                return length == 4 ? DnsDiagnosticReason.None : DnsDiagnosticReason.RecordDataLengthMismatch;

            case DnsRecordType.AAAA:
                return length == 16 ? DnsDiagnosticReason.None : DnsDiagnosticReason.RecordDataLengthMismatch;

            case DnsRecordType.CNAME or DnsRecordType.NS or DnsRecordType.PTR:
                reason = Name(message, ref pos, end, options, out errorOffset);
                break;

            case DnsRecordType.MX:
                reason = Fixed(ref pos, 2, end);
                reason = reason != DnsDiagnosticReason.None ? reason : Name(message, ref pos, end, options, out errorOffset);
                break;

            case DnsRecordType.SRV:
                // RFC 2782 forbids compressing the target, but servers do it: follow the pointer anyway.
                reason = Fixed(ref pos, 6, end);
                reason = reason != DnsDiagnosticReason.None ? reason : Name(message, ref pos, end, options, out errorOffset);
                break;

            case DnsRecordType.SOA:
                reason = Name(message, ref pos, end, options, out errorOffset);
                reason = reason != DnsDiagnosticReason.None ? reason : Name(message, ref pos, end, options, out errorOffset);
                reason = reason != DnsDiagnosticReason.None ? reason : Fixed(ref pos, 20, end);
                break;

            case DnsRecordType.NAPTR:
                // RFC 3403 §4.1: ORDER, PREFERENCE, FLAGS, SERVICES, REGEXP (character-strings), REPLACEMENT (a name).
                reason = Fixed(ref pos, 4, end);
                reason = reason != DnsDiagnosticReason.None ? reason : CharacterString(message, ref pos, end);
                reason = reason != DnsDiagnosticReason.None ? reason : CharacterString(message, ref pos, end);
                reason = reason != DnsDiagnosticReason.None ? reason : CharacterString(message, ref pos, end);
                reason = reason != DnsDiagnosticReason.None ? reason : Name(message, ref pos, end, options, out errorOffset);
                break;

            case DnsRecordType.TXT:
                reason = DnsDiagnosticReason.None;
                while (pos < end && reason == DnsDiagnosticReason.None)
                {
                    reason = CharacterString(message, ref pos, end);
                }

                break;

            case DnsRecordType.OPT:
                // RFC 6891 §6.1.2: {OPTION-CODE, OPTION-LENGTH, OPTION-DATA} repeated.
                reason = DnsDiagnosticReason.None;
                while (pos < end && reason == DnsDiagnosticReason.None)
                {
                    if (pos + 4 > end)
                    {
                        reason = DnsDiagnosticReason.RecordDataLengthMismatch;
                        break;
                    }

                    int optionLength = BinaryPrimitives.ReadUInt16BigEndian(message[(pos + 2)..]);
                    pos += 4;
                    reason = Fixed(ref pos, optionLength, end);
                }

                break;

            default:
                return DnsDiagnosticReason.None;
        }

        if (reason == DnsDiagnosticReason.None && pos != end)
        {
            reason = DnsDiagnosticReason.RecordDataLengthMismatch;
        }

        if (reason is DnsDiagnosticReason.RecordDataLengthMismatch)
        {
            errorOffset = start;
        }

        return reason;
    }

    private static DnsDiagnosticReason Fixed(ref int pos, int count, int end)
    {
        if (pos + count > end)
        {
            return DnsDiagnosticReason.RecordDataLengthMismatch;
        }

        pos += count;
        return DnsDiagnosticReason.None;
    }

    private static DnsDiagnosticReason CharacterString(ReadOnlySpan<byte> message, ref int pos, int end)
    {
        if (pos >= end)
        {
            return DnsDiagnosticReason.RecordDataLengthMismatch;
        }

        return Fixed(ref pos, 1 + message[pos], end);
    }

    private static DnsDiagnosticReason Name(ReadOnlySpan<byte> message, ref int pos, int end, scoped in DnsDecoderOptions options, out int errorOffset)
    {
        var reason = DnsLabelEnumerator.TrySkip(message, pos, end, out int next, out errorOffset);
        if (reason == DnsDiagnosticReason.NameTruncated)
        {
            // The name does not fit its RDLENGTH: a length problem of the record.
            return DnsDiagnosticReason.RecordDataLengthMismatch;
        }

        if (reason != DnsDiagnosticReason.None)
        {
            return reason;
        }

        reason = new DnsName(message, pos, options).Validate(out errorOffset);
        pos = next;
        return reason;
    }
}
