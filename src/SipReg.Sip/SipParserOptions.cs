namespace SipReg.Sip;

/// <summary>
/// Caps that bound how much memory and work a SIP message can cost. Reaching a cap is reported as a
/// <see cref="SipDiagnostic"/>, never as an exception.
/// </summary>
/// <remarks>
/// A property left at zero (including in <c>default(SipParserOptions)</c>) means its documented default.
/// </remarks>
public readonly record struct SipParserOptions
{
    /// <summary>Default of <see cref="MaxHeaderBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxHeaderBytes = 64 * 1024;

    /// <summary>Default of <see cref="MaxHeaderCount"/>: 256 header fields.</summary>
    public const int DefaultMaxHeaderCount = 256;

    /// <summary>Default of <see cref="MaxBodyBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxBodyBytes = 16 * 1024 * 1024;

    private readonly int _maxHeaderBytes;
    private readonly int _maxHeaderCount;
    private readonly int _maxBodyBytes;

    /// <summary>
    /// Largest start line plus header section (up to and including the empty line) in bytes. A stream framer gives
    /// up on a message whose header section does not end within it; the parser stops reading headers there.
    /// </summary>
    public int MaxHeaderBytes { get => _maxHeaderBytes > 0 ? _maxHeaderBytes : DefaultMaxHeaderBytes; init => _maxHeaderBytes = value; }

    /// <summary>Largest number of header fields kept per message; later fields are counted in a diagnostic and ignored.</summary>
    public int MaxHeaderCount { get => _maxHeaderCount > 0 ? _maxHeaderCount : DefaultMaxHeaderCount; init => _maxHeaderCount = value; }

    /// <summary>Largest body in bytes; a larger <c>Content-Length</c> is reported and the body is cut to this size.</summary>
    public int MaxBodyBytes { get => _maxBodyBytes > 0 ? _maxBodyBytes : DefaultMaxBodyBytes; init => _maxBodyBytes = value; }
}
