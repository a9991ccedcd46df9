using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// The validating pass behind <see cref="DnsMessage.Read(ReadOnlySpan{byte}, DnsDecoderOptions)"/>: every read is
/// bounds-checked, every name fully decoded once, every record's data checked against its RDLENGTH. A problem that
/// leaves the next record's position known (a bad name behind a pointer, bad typed data) is noted and reading goes
/// on; one that does not (a cut message) stops reading, keeping what was read.
/// </summary>
internal static class DnsMessageReader
{
    public static DnsMessageLayout Read(ReadOnlySpan<byte> data, scoped in DnsDecoderOptions options)
    {
        var layout = new DnsMessageLayout { OptOffset = -1 };
        if (!DnsHeader.TryRead(data, out layout.Header))
        {
            layout.Add(0, DnsSection.Header, DnsDiagnosticReason.MessageTooShort);
            layout.End = data.Length;
            return layout;
        }

        layout.HasHeader = true;
        int pos = DnsHeader.Size;
        bool ok = ReadQuestions(data, options, ref layout, ref pos);

        layout.AnswerOffset = pos;
        ok = ok && ReadRecords(data, options, ref layout, ref pos, DnsSection.Answer, layout.Header.AnswerCount, ref layout.AnswersRead);
        layout.AuthorityOffset = pos;
        ok = ok && ReadRecords(data, options, ref layout, ref pos, DnsSection.Authority, layout.Header.AuthorityCount, ref layout.AuthoritiesRead);
        layout.AdditionalOffset = pos;
        ok = ok && ReadRecords(data, options, ref layout, ref pos, DnsSection.Additional, layout.Header.AdditionalCount, ref layout.AdditionalsRead);

        if (ok && pos < data.Length)
        {
            layout.Add(pos, DnsSection.Additional, DnsDiagnosticReason.TrailingData);
        }

        layout.End = pos;
        return layout;
    }

    private static bool ReadQuestions(ReadOnlySpan<byte> data, scoped in DnsDecoderOptions options, ref DnsMessageLayout layout, ref int pos)
    {
        for (int i = 0; i < layout.Header.QuestionCount; i++)
        {
            if (!ReadName(data, options, ref layout, ref pos, data.Length, DnsSection.Question))
            {
                return false;
            }

            if (pos + 4 > data.Length)
            {
                layout.Add(pos, DnsSection.Question, DnsDiagnosticReason.Truncated);
                return false;
            }

            pos += 4;
            layout.QuestionsRead++;
        }

        return true;
    }

    private static bool ReadRecords(
        ReadOnlySpan<byte> data, scoped in DnsDecoderOptions options, ref DnsMessageLayout layout, ref int pos, DnsSection section, int count, ref int read)
    {
        for (int i = 0; i < count; i++)
        {
            int start = pos;
            if (!ReadName(data, options, ref layout, ref pos, data.Length, section))
            {
                return false;
            }

            if (pos + 10 > data.Length)
            {
                layout.Add(pos, section, DnsDiagnosticReason.Truncated);
                return false;
            }

            var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            int rdLength = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 8)..]);
            int dataStart = pos + 10;
            if (dataStart + rdLength > data.Length)
            {
                layout.Add(pos + 8, section, DnsDiagnosticReason.RecordDataPastEnd);
                return false;
            }

            var reason = DnsRecordData.Validate(data, type, dataStart, dataStart + rdLength, options, out int errorOffset);
            if (reason != DnsDiagnosticReason.None)
            {
                layout.Add(errorOffset, section, reason);
            }

            if (type == DnsRecordType.OPT)
            {
                // RFC 6891 §6.1.1: at most one OPT, in the additional section, owned by the root name.
                if (section != DnsSection.Additional || layout.OptOffset >= 0 || data[start] != 0)
                {
                    layout.Add(start, section, DnsDiagnosticReason.InvalidOptRecord);
                }
                else
                {
                    layout.OptOffset = start;
                }
            }

            pos = dataStart + rdLength;
            read++;
        }

        return true;
    }

    /// <summary>Steps over a name; false when its end cannot be found (reading must stop).</summary>
    private static bool ReadName(ReadOnlySpan<byte> data, scoped in DnsDecoderOptions options, ref DnsMessageLayout layout, ref int pos, int end, DnsSection section)
    {
        if (pos >= data.Length)
        {
            layout.Add(pos, section, DnsDiagnosticReason.Truncated);
            return false;
        }

        var skip = DnsLabelEnumerator.TrySkip(data, pos, end, out int next, out int errorOffset);
        if (skip != DnsDiagnosticReason.None)
        {
            layout.Add(errorOffset, section, skip);
            return false;
        }

        var full = new DnsName(data, pos, options).Validate(out errorOffset);
        if (full != DnsDiagnosticReason.None)
        {
            layout.Add(errorOffset, section, full);
        }

        pos = next;
        return true;
    }
}
