using System.Numerics;

namespace SipReg.Dns;

/// <summary>
/// A domain name inside a message, as an offset: decoded, formatted or compared only on request, without allocating
/// (except <see cref="ToString"/>). Compression pointers are followed within the message's
/// <see cref="DnsDecoderOptions"/>.
/// </summary>
/// <remarks>
/// The presentation form is the usual dotted text without the final dot (<c>sip1.example.com</c>); the root name is
/// <c>"."</c>. Label bytes that are a dot, a backslash or not printable ASCII are escaped as <c>\.</c>, <c>\\</c> and
/// <c>\DDD</c> (RFC 1035 §5.1), so the text is at most <see cref="MaxFormattedLength"/> characters.
/// </remarks>
public readonly ref struct DnsName
{
    /// <summary>The longest presentation form <see cref="TryFormat"/> can produce (every label byte as <c>\DDD</c>).</summary>
    public const int MaxFormattedLength = 1016;

    private readonly ReadOnlySpan<byte> _message;
    private readonly int _maxHops;
    private readonly bool _allowForwardPointers;

    internal DnsName(ReadOnlySpan<byte> message, int offset, scoped in DnsDecoderOptions options)
    {
        _message = message;
        Offset = offset;
        _maxHops = options.MaxCompressionHops;
        _allowForwardPointers = options.AllowForwardPointers;
    }

    /// <summary>Byte offset of the name's first byte in the message.</summary>
    public int Offset { get; }

    /// <summary>Walks the labels, following compression pointers.</summary>
    /// <returns>An enumerator; check its <see cref="DnsLabelEnumerator.Error"/> after the loop.</returns>
    public DnsLabelEnumerator EnumerateLabels() => new(_message, Offset, _maxHops, _allowForwardPointers);

    /// <summary>Checks the whole name (pointers, label types, length) without formatting it.</summary>
    /// <param name="errorOffset">Where the problem is, or -1.</param>
    /// <returns>The problem, or <see cref="DnsDiagnosticReason.None"/>.</returns>
    public DnsDiagnosticReason Validate(out int errorOffset)
    {
        var labels = EnumerateLabels();
        while (labels.MoveNext())
        {
        }

        errorOffset = labels.ErrorOffset;
        return labels.Error;
    }

    /// <summary>Whether the name decodes without error.</summary>
    public bool IsValid => Validate(out _) == DnsDiagnosticReason.None;

    /// <summary>Whether this is the root name (a single zero byte, possibly behind pointers).</summary>
    public bool IsRoot
    {
        get
        {
            var labels = EnumerateLabels();
            return !labels.MoveNext() && labels.Error == DnsDiagnosticReason.None;
        }
    }

    /// <summary>Writes the presentation form (see the type's remarks) as UTF-16.</summary>
    /// <param name="destination">Where to write; <see cref="MaxFormattedLength"/> characters always suffice.</param>
    /// <param name="charsWritten">Characters written.</param>
    /// <returns><see langword="false"/> when the name is malformed or <paramref name="destination"/> is too small.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten) => TryFormatCore(destination, out charsWritten);

    /// <summary>Writes the presentation form (see the type's remarks) as ASCII/UTF-8 bytes.</summary>
    /// <param name="destination">Where to write; <see cref="MaxFormattedLength"/> bytes always suffice.</param>
    /// <param name="bytesWritten">Bytes written.</param>
    /// <returns><see langword="false"/> when the name is malformed or <paramref name="destination"/> is too small.</returns>
    public bool TryFormatUtf8(Span<byte> destination, out int bytesWritten) => TryFormatCore(destination, out bytesWritten);

    private bool TryFormatCore<T>(Span<T> destination, out int written)
        where T : unmanaged, IBinaryInteger<T>
    {
        written = 0;
        int pos = 0;
        var labels = EnumerateLabels();
        while (labels.MoveNext())
        {
            if (pos > 0)
            {
                if (pos >= destination.Length)
                {
                    return false;
                }

                destination[pos++] = T.CreateTruncating('.');
            }

            foreach (byte b in labels.Current)
            {
                if (b is (byte)'.' or (byte)'\\')
                {
                    if (pos + 2 > destination.Length)
                    {
                        return false;
                    }

                    destination[pos++] = T.CreateTruncating('\\');
                    destination[pos++] = T.CreateTruncating(b);
                }
                else if (b is < 0x21 or > 0x7E)
                {
                    if (pos + 4 > destination.Length)
                    {
                        return false;
                    }

                    destination[pos++] = T.CreateTruncating('\\');
                    destination[pos++] = T.CreateTruncating('0' + (b / 100));
                    destination[pos++] = T.CreateTruncating('0' + (b / 10 % 10));
                    destination[pos++] = T.CreateTruncating('0' + (b % 10));
                }
                else
                {
                    if (pos >= destination.Length)
                    {
                        return false;
                    }

                    destination[pos++] = T.CreateTruncating(b);
                }
            }
        }

        if (labels.Error != DnsDiagnosticReason.None)
        {
            return false;
        }

        if (pos == 0)
        {
            if (destination.Length == 0)
            {
                return false;
            }

            destination[pos++] = T.CreateTruncating('.');
        }

        written = pos;
        return true;
    }

    /// <summary>
    /// Compares with a dotted name, ignoring ASCII case (RFC 4343) and one final dot; <c>""</c> and <c>"."</c> are the root.
    /// </summary>
    /// <param name="name">Plain dotted text such as <c>_sip._udp.example.com</c> (no <c>\</c> escapes).</param>
    /// <returns><see langword="true"/> when the name is valid and equal.</returns>
    public bool NameEquals(ReadOnlySpan<char> name)
    {
        if (name.Length > 0 && name[^1] == '.')
        {
            name = name[..^1];
        }

        var labels = EnumerateLabels();
        bool first = true;
        while (labels.MoveNext())
        {
            if (!first)
            {
                if (name.Length == 0 || name[0] != '.')
                {
                    return false;
                }

                name = name[1..];
            }

            first = false;
            var label = labels.Current;
            if (name.Length < label.Length)
            {
                return false;
            }

            for (int i = 0; i < label.Length; i++)
            {
                if (DnsAscii.ToLower(label[i]) != DnsAscii.ToLower(name[i]))
                {
                    return false;
                }
            }

            name = name[label.Length..];
        }

        return labels.Error == DnsDiagnosticReason.None && name.Length == 0;
    }

    /// <summary>The presentation form, or <c>&lt;reason&gt;</c> when the name is malformed. Allocates.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        // Most names are short: a small stack buffer (which the runtime zeroes) first, the longest form only if needed.
        Span<char> small = stackalloc char[128];
        if (TryFormat(small, out int written))
        {
            return new string(small[..written]);
        }

        var rented = System.Buffers.ArrayPool<char>.Shared.Rent(MaxFormattedLength);
        try
        {
            if (TryFormat(rented, out written))
            {
                return new string(rented, 0, written);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return "<" + DnsDiagnostic.Describe(Validate(out _)) + ">";
    }
}
