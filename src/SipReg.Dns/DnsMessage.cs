using System.Buffers.Binary;

namespace SipReg.Dns;

/// <summary>
/// One DNS message over its bytes (RFC 1035 §4.1): the header, the sections as enumerators of record views, the EDNS
/// OPT record and located diagnostics. Reading never throws and never allocates; bad bytes become diagnostics.
/// </summary>
/// <remarks>
/// <para><see cref="Read(ReadOnlySpan{byte}, DnsDecoderOptions)"/> makes one validating pass; the enumerators then
/// walk only what that pass could read, so a cut message still yields the records before the cut
/// (<see cref="IsMalformed"/> is then <see langword="true"/>).</para>
/// <para>The view borrows the caller's bytes: it is valid while they are.</para>
/// </remarks>
public readonly ref struct DnsMessage
{
    private readonly DnsMessageLayout _layout;

    private DnsMessage(ReadOnlySpan<byte> data, DnsDecoderOptions options, scoped in DnsMessageLayout layout)
    {
        Data = data;
        Options = options;
        _layout = layout;
    }

    /// <summary>Reads one message (one UDP payload, or one TCP message without its 2-byte length prefix).</summary>
    /// <param name="data">The message bytes.</param>
    /// <param name="options">Limits; <c>default</c> is the strict default.</param>
    /// <returns>The message view; check <see cref="IsMalformed"/> and <see cref="DiagnosticCount"/>.</returns>
    public static DnsMessage Read(ReadOnlySpan<byte> data, DnsDecoderOptions options = default)
    {
        var layout = DnsMessageReader.Read(data, options);
        return new DnsMessage(data, options, layout);
    }

    /// <summary>Reads one message and tells whether it is well formed.</summary>
    /// <param name="data">The message bytes.</param>
    /// <param name="message">The message view, also when malformed (partial data and diagnostics).</param>
    /// <param name="options">Limits; <c>default</c> is the strict default.</param>
    /// <returns><see langword="false"/> when the message is malformed.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out DnsMessage message, DnsDecoderOptions options = default)
    {
        message = Read(data, options);
        return !message.IsMalformed;
    }

    /// <summary>The message bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The options the message was read with (names decoded later use the same limits).</summary>
    public DnsDecoderOptions Options { get; }

    /// <summary>Whether the 12-byte header is present (if not, the message is malformed and everything else is empty).</summary>
    public bool HasHeader => _layout.HasHeader;

    /// <summary>The header; <c>default</c> when <see cref="HasHeader"/> is <see langword="false"/>.</summary>
    public DnsHeader Header => _layout.Header;

    /// <summary>Whether any problem other than trailing bytes was found.</summary>
    public bool IsMalformed => _layout.Malformed;

    /// <summary>How many problems were found (only the first <see cref="StoredDiagnosticCount"/> are kept).</summary>
    public int DiagnosticCount => _layout.DiagnosticCount;

    /// <summary>How many diagnostics <see cref="GetDiagnostic"/> can return (at most 4).</summary>
    public int StoredDiagnosticCount => Math.Min(_layout.DiagnosticCount, DnsDiagnosticBuffer.Capacity);

    /// <summary>Returns a kept diagnostic.</summary>
    /// <param name="index">0-based, below <see cref="StoredDiagnosticCount"/>.</param>
    /// <returns>The diagnostic.</returns>
    /// <exception cref="DnsException"><paramref name="index"/> is out of range.</exception>
    public DnsDiagnostic GetDiagnostic(int index)
    {
        if ((uint)index >= (uint)StoredDiagnosticCount)
        {
            DnsThrow.InvalidArgument(nameof(index), "no such diagnostic");
        }

        return _layout.Diagnostics[index];
    }

    /// <summary>Whether an EDNS OPT record is present in the additional section (RFC 6891).</summary>
    public bool HasOpt => _layout.OptOffset >= 0;

    /// <summary>
    /// The full response code: the header's 4 bits, extended by the upper 8 bits in the OPT record's TTL when there is
    /// one (RFC 6891 §6.1.3), e.g. 16 = BADVERS.
    /// </summary>
    public DnsResponseCode ResponseCode
    {
        get
        {
            int rcode = _layout.Header.Rcode;
            if (TryGetOpt(out var opt))
            {
                rcode |= opt.ExtendedRcode << 4;
            }

            return (DnsResponseCode)rcode;
        }
    }

    /// <summary>Returns the EDNS OPT record.</summary>
    /// <param name="opt">The OPT view, or <c>default</c>.</param>
    /// <returns><see langword="false"/> when there is no (valid) OPT record.</returns>
    public bool TryGetOpt(out DnsOptRecord opt)
    {
        if (_layout.OptOffset < 0)
        {
            opt = default;
            return false;
        }

        // The owner is the root: one zero byte, then TYPE, CLASS, TTL, RDLENGTH.
        int pos = _layout.OptOffset + 1;
        ushort udpSize = BinaryPrimitives.ReadUInt16BigEndian(Data[(pos + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(Data[(pos + 4)..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(Data[(pos + 8)..]);
        opt = new DnsOptRecord(udpSize, ttl, Data.Slice(pos + 10, length));
        return true;
    }

    /// <summary>The questions that could be read (see <see cref="GetReadCount"/>).</summary>
    public DnsQuestionEnumerator Questions => new(Data, Options, DnsHeader.Size, _layout.QuestionsRead);

    /// <summary>The answer records that could be read.</summary>
    public DnsRecordEnumerator Answers => new(Data, Options, _layout.AnswerOffset, _layout.AnswersRead, DnsSection.Answer);

    /// <summary>The authority records that could be read.</summary>
    public DnsRecordEnumerator Authorities => new(Data, Options, _layout.AuthorityOffset, _layout.AuthoritiesRead, DnsSection.Authority);

    /// <summary>The additional records that could be read (including the OPT record).</summary>
    public DnsRecordEnumerator Additionals => new(Data, Options, _layout.AdditionalOffset, _layout.AdditionalsRead, DnsSection.Additional);

    /// <summary>How many entries of a section could be read; below the header's count when the message is cut.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The number of entries the enumerator yields.</returns>
    public int GetReadCount(DnsSection section) => section switch
    {
        DnsSection.Question => _layout.QuestionsRead,
        DnsSection.Answer => _layout.AnswersRead,
        DnsSection.Authority => _layout.AuthoritiesRead,
        DnsSection.Additional => _layout.AdditionalsRead,
        _ => 0,
    };

    /// <summary>
    /// Classifies a response: answer, NODATA, NXDOMAIN, SERVFAIL, REFUSED, truncated (TC), other error or malformed.
    /// </summary>
    /// <returns>The outcome; <see cref="DnsResponseOutcome.NotAResponse"/> for a query.</returns>
    /// <remarks>
    /// An answer counts when an answer record has the first question's type (or the question is ANY); a CNAME alone
    /// is NODATA for the asked type. TC wins over the other outcomes because the data is incomplete by design.
    /// </remarks>
    public DnsResponseOutcome GetOutcome()
    {
        if (!HasHeader || !Header.IsResponse)
        {
            return DnsResponseOutcome.NotAResponse;
        }

        if (IsMalformed)
        {
            return DnsResponseOutcome.Malformed;
        }

        if (Header.Truncation)
        {
            return DnsResponseOutcome.Truncated;
        }

        switch (ResponseCode)
        {
            case DnsResponseCode.NoError:
                break;
            case DnsResponseCode.NameError:
                return DnsResponseOutcome.NameError;
            case DnsResponseCode.ServerFailure:
                return DnsResponseOutcome.ServerFailure;
            case DnsResponseCode.Refused:
                return DnsResponseOutcome.Refused;
            default:
                return DnsResponseOutcome.OtherError;
        }

        bool hasQuestion = TryGetFirstQuestion(out var question);
        foreach (var record in Answers)
        {
            if (!hasQuestion || question.Type == DnsRecordType.ANY || record.Type == question.Type)
            {
                return DnsResponseOutcome.Answer;
            }
        }

        return DnsResponseOutcome.NoData;
    }

    /// <summary>Returns the first question, which is the only one in practice (RFC 9619 makes QDCOUNT &gt; 1 an error).</summary>
    /// <param name="question">The question, or <c>default</c>.</param>
    /// <returns><see langword="false"/> when there is no readable question.</returns>
    public bool TryGetFirstQuestion(out DnsQuestion question)
    {
        var questions = Questions;
        if (questions.MoveNext())
        {
            question = questions.Current;
            return true;
        }

        question = default;
        return false;
    }
}
