namespace SipReg.Dns;

/// <summary>
/// Limits and strictness of <see cref="DnsMessage.Read(ReadOnlySpan{byte}, DnsDecoderOptions)"/>. The default value
/// (<c>default(DnsDecoderOptions)</c> or <c>new DnsDecoderOptions()</c>) is the strict, documented default.
/// </summary>
public readonly record struct DnsDecoderOptions
{
    /// <summary>Default for <see cref="MaxCompressionHops"/>.</summary>
    public const int DefaultMaxCompressionHops = 32;

    private readonly int _maxCompressionHops;

    /// <summary>
    /// Most compression pointers followed while decoding one name (default 32). Exceeding it is reported as
    /// <see cref="DnsDiagnosticReason.CompressionLoop"/>.
    /// </summary>
    /// <remarks>
    /// A name has at most 127 labels (255 wire bytes), and real encoders use one pointer per name, so 32 hops never
    /// rejects a sane message; the limit bounds work on hostile ones when <see cref="AllowForwardPointers"/> is on
    /// (strict mode already guarantees termination because every pointer must go backwards).
    /// </remarks>
    /// <exception cref="DnsException">The value is less than 1 (<see cref="DnsExceptionReason.InvalidOption"/>).</exception>
    public int MaxCompressionHops
    {
        get => _maxCompressionHops == 0 ? DefaultMaxCompressionHops : _maxCompressionHops;
        init
        {
            if (value < 1)
            {
                DnsThrow.InvalidOption(nameof(MaxCompressionHops), value);
            }

            _maxCompressionHops = value;
        }
    }

    /// <summary>
    /// Whether a compression pointer may point at or after its own position (default <see langword="false"/>).
    /// </summary>
    /// <remarks>
    /// RFC 1035 §4.1.4 says a pointer replaces a name with "a pointer to a prior occurance of the same name", so the
    /// strict default reports any other pointer as <see cref="DnsDiagnosticReason.ForwardPointer"/> (or
    /// <see cref="DnsDiagnosticReason.CompressionLoop"/> when it points at itself). Wireshark is lenient and decodes
    /// forward pointers; set this to behave like it. Loops are then caught by <see cref="MaxCompressionHops"/>.
    /// </remarks>
    public bool AllowForwardPointers { get; init; }
}
