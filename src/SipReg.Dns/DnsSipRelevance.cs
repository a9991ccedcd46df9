namespace SipReg.Dns;

/// <summary>
/// Decides whether a DNS message is part of locating a SIP server (RFC 3263): SRV questions for <c>_sip</c>/<c>_sips</c>
/// services, NAPTR questions, NAPTR answers with SIP services, and A/AAAA lookups of a host that is a SIP SRV target
/// seen earlier or a domain the caller registered (from a Request-URI or To header).
/// </summary>
/// <remarks>
/// <para>Bounded: it remembers at most <see cref="MaxNames"/> host names of at most 253 characters; later ones are
/// counted in <see cref="DroppedNameCount"/> and not remembered. After construction nothing is allocated.</para>
/// <para>Feed messages in capture order to <see cref="Evaluate"/> so that SRV answers are learned before the
/// A/AAAA lookups of their targets. Not thread-safe.</para>
/// </remarks>
public sealed class DnsSipRelevance
{
    /// <summary>Default for <see cref="MaxNames"/>.</summary>
    public const int DefaultMaxNames = 256;

    private const int MaxStoredLength = 253;
    private const int Stride = 256;

    private readonly byte[] _names;
    private readonly byte[] _lengths;
    private int _count;

    /// <summary>Creates an empty set of SIP host names.</summary>
    /// <param name="maxNames">Most names remembered (default 256).</param>
    /// <exception cref="DnsException"><paramref name="maxNames"/> is less than 1.</exception>
    public DnsSipRelevance(int maxNames = DefaultMaxNames)
    {
        if (maxNames < 1)
        {
            DnsThrow.InvalidArgument(nameof(maxNames), "must be at least 1");
        }

        _names = new byte[maxNames * Stride];
        _lengths = new byte[maxNames];
    }

    /// <summary>Most names remembered.</summary>
    public int MaxNames => _lengths.Length;

    /// <summary>Names remembered now.</summary>
    public int NameCount => _count;

    /// <summary>Names not remembered because the set was full.</summary>
    public long DroppedNameCount { get; private set; }

    /// <summary>Remembers a domain seen in SIP (Request-URI host, To/From domain) so that its A/AAAA lookups count as SIP.</summary>
    /// <param name="domain">Dotted ASCII text, e.g. <c>example.com</c> (a final dot is ignored, case is ignored).</param>
    /// <returns><see langword="false"/> when the text is empty, too long or not ASCII, or the set is full.</returns>
    public bool AddSipDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length > 0 && domain[^1] == '.')
        {
            domain = domain[..^1];
        }

        if (domain.IsEmpty || domain.Length > MaxStoredLength)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[MaxStoredLength];
        for (int i = 0; i < domain.Length; i++)
        {
            if (domain[i] > 0x7E)
            {
                return false;
            }

            text[i] = (byte)domain[i];
        }

        return Add(text[..domain.Length]);
    }

    /// <summary>Whether a host name is a remembered SIP host (SRV target or registered domain).</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when remembered.</returns>
    public bool IsKnownSipHost(DnsName name)
    {
        Span<byte> text = stackalloc byte[DnsName.MaxFormattedLength];
        return Format(name, text, out int length) && IndexOf(text[..length]) >= 0;
    }

    /// <summary>Learns from <paramref name="message"/> (see <see cref="Observe"/>), then tells whether it is SIP-related (see <see cref="IsSipRelated"/>).</summary>
    /// <param name="message">The message.</param>
    /// <returns><see langword="true"/> when the message is part of locating a SIP server.</returns>
    public bool Evaluate(scoped in DnsMessage message)
    {
        bool related = IsSipRelated(message);
        if (related)
        {
            Observe(message);
        }

        return related;
    }

    /// <summary>
    /// Learns host names from a message: the domain of a NAPTR or SIP SRV question, targets of SRV records for SIP
    /// services and, when the question is about a SIP host, the targets of CNAME answers (so that the next A/AAAA
    /// lookup of the domain, the target or the alias also counts).
    /// </summary>
    /// <param name="message">The message.</param>
    public void Observe(scoped in DnsMessage message)
    {
        bool hasQuestion = message.TryGetFirstQuestion(out var question);
        if (hasQuestion)
        {
            LearnDomain(question);
        }

        bool knownQuestion = hasQuestion && IsKnownSipHost(question.Name);
        Learn(message.Answers, knownQuestion);
        Learn(message.Additionals, knownQuestion);
    }

    /// <summary>
    /// RFC 3263 §4.1/§4.2: a domain looked up for NAPTR or for SIP SRV records is a SIP domain, and when those lookups
    /// find nothing the client falls back to the A/AAAA records of the domain itself; remember it so that lookup counts.
    /// </summary>
    private void LearnDomain(DnsQuestion question)
    {
        Span<byte> text = stackalloc byte[DnsName.MaxFormattedLength];
        if (question.Type == DnsRecordType.NAPTR)
        {
            if (Format(question.Name, text, out int length))
            {
                Add(text[..length]);
            }
        }
        else if (question.Type == DnsRecordType.SRV && IsSipServiceName(question.Name) && Format(question.Name, text, out int length))
        {
            // Skip the "_sip._udp." service and protocol labels.
            var name = text[..length];
            var first = name.IndexOf((byte)'.');
            var second = first < 0 ? -1 : name[(first + 1)..].IndexOf((byte)'.');
            if (second >= 0)
            {
                var domain = name[(first + second + 2)..];
                if (!domain.IsEmpty)
                {
                    Add(domain);
                }
            }
        }
    }

    private void Learn(DnsRecordEnumerator records, bool knownQuestion)
    {
        Span<byte> text = stackalloc byte[DnsName.MaxFormattedLength];
        foreach (var record in records)
        {
            if (record.TryGetSrv(out var srv) && IsSipServiceName(record.Name))
            {
                if (Format(srv.Target, text, out int length) && !srv.Target.IsRoot)
                {
                    Add(text[..length]);
                }
            }
            else if (knownQuestion && record.Type == DnsRecordType.CNAME && record.TryGetDomainName(out var alias)
                && Format(alias, text, out int aliasLength))
            {
                Add(text[..aliasLength]);
            }
        }
    }

    /// <summary>
    /// Whether a message is part of locating a SIP server, without learning anything: an SRV question for a SIP
    /// service, any NAPTR question, a NAPTR answer with a SIP service, an SRV answer for a SIP service, or an A/AAAA
    /// question or answer about a remembered SIP host.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns><see langword="true"/> when SIP-related.</returns>
    public bool IsSipRelated(scoped in DnsMessage message)
    {
        foreach (var question in message.Questions)
        {
            switch (question.Type)
            {
                // RFC 3263 §4.1: a client without an explicit transport starts with NAPTR.
                case DnsRecordType.NAPTR:
                    return true;
                case DnsRecordType.SRV when IsSipServiceName(question.Name):
                    return true;
                case DnsRecordType.A or DnsRecordType.AAAA when IsKnownSipHost(question.Name):
                    return true;
            }
        }

        foreach (var record in message.Answers)
        {
            if (record.TryGetNaptr(out var naptr) && IsSipNaptrService(naptr.Services))
            {
                return true;
            }

            if (record.Type == DnsRecordType.SRV && IsSipServiceName(record.Name))
            {
                return true;
            }

            if (record.Type is DnsRecordType.A or DnsRecordType.AAAA && IsKnownSipHost(record.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a name is a SIP SRV service name: first label <c>_sip</c> or <c>_sips</c>, second a protocol label such as
    /// <c>_udp</c>, <c>_tcp</c>, <c>_tls</c>, <c>_sctp</c> or <c>_ws</c> (RFC 3263 §4.2, RFC 2782); case is ignored.
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> for a SIP service name.</returns>
    public static bool IsSipServiceName(DnsName name)
    {
        var labels = name.EnumerateLabels();
        if (!labels.MoveNext() || !(DnsAscii.EqualsIgnoreCase(labels.Current, "_sip") || DnsAscii.EqualsIgnoreCase(labels.Current, "_sips")))
        {
            return false;
        }

        return labels.MoveNext() && labels.Current.Length > 1 && labels.Current[0] == (byte)'_';
    }

    /// <summary>
    /// Whether a NAPTR SERVICES field names SIP: <c>SIP+D2U</c>, <c>SIP+D2T</c>, <c>SIPS+D2T</c>, <c>SIP+D2W</c>,
    /// <c>SIPS+D2W</c>, <c>SIP+D2S</c>, <c>SIPS+D2S</c> (RFC 3263 §4.1, RFC 7118) or the ENUM service <c>E2U+sip</c>
    /// (RFC 3764 §4); case is ignored.
    /// </summary>
    /// <param name="services">The SERVICES bytes.</param>
    /// <returns><see langword="true"/> for a SIP service.</returns>
    public static bool IsSipNaptrService(ReadOnlySpan<byte> services) =>
        DnsAscii.EqualsIgnoreCase(services, "SIP+D2U")
        || DnsAscii.EqualsIgnoreCase(services, "SIP+D2T")
        || DnsAscii.EqualsIgnoreCase(services, "SIPS+D2T")
        || DnsAscii.EqualsIgnoreCase(services, "SIP+D2W")
        || DnsAscii.EqualsIgnoreCase(services, "SIPS+D2W")
        || DnsAscii.EqualsIgnoreCase(services, "SIP+D2S")
        || DnsAscii.EqualsIgnoreCase(services, "SIPS+D2S")
        || DnsAscii.EqualsIgnoreCase(services, "E2U+sip");

    private static bool Format(DnsName name, Span<byte> text, out int length)
    {
        if (!name.TryFormatUtf8(text, out length) || length > MaxStoredLength)
        {
            return false;
        }

        for (int i = 0; i < length; i++)
        {
            text[i] = (byte)DnsAscii.ToLower(text[i]);
        }

        return true;
    }

    private bool Add(ReadOnlySpan<byte> text)
    {
        Span<byte> lower = stackalloc byte[MaxStoredLength];
        for (int i = 0; i < text.Length; i++)
        {
            lower[i] = (byte)DnsAscii.ToLower(text[i]);
        }

        lower = lower[..text.Length];
        if (IndexOf(lower) >= 0)
        {
            return true;
        }

        if (_count == _lengths.Length)
        {
            DroppedNameCount++;
            return false;
        }

        lower.CopyTo(_names.AsSpan(_count * Stride));
        _lengths[_count++] = (byte)lower.Length;
        return true;
    }

    private int IndexOf(ReadOnlySpan<byte> lower)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_lengths[i] == lower.Length && _names.AsSpan(i * Stride, lower.Length).SequenceEqual(lower))
            {
                return i;
            }
        }

        return -1;
    }
}
