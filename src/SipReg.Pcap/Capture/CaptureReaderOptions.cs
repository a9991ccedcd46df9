namespace SipReg.Pcap;

/// <summary>
/// Caps that bound what a hostile or broken capture can make <see cref="CaptureReader"/> buffer or keep.
/// Every cap that is hit ends in a located <see cref="CaptureDiagnostic"/>, never in an allocation of the claimed size.
/// </summary>
public sealed record CaptureReaderOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static CaptureReaderOptions Default { get; } = new();

    /// <summary>
    /// Largest captured length accepted for a classic pcap record. Default 262144 (libpcap's and Wireshark's
    /// maximum snap length); a file whose header declares a larger snap length raises it up to
    /// <see cref="MaxBlockLength"/>. A larger record stops reading with a diagnostic at the record's offset.
    /// </summary>
    public int MaxRecordLength { get; init; } = 262144;

    /// <summary>Largest pcapng block total length accepted. Default 16 MiB. A larger block stops reading with a diagnostic.</summary>
    public int MaxBlockLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most interfaces kept over the whole file (all pcapng sections together). Default 65536.</summary>
    public int MaxInterfaces { get; init; } = 65536;

    /// <summary>Most options read from one pcapng block; the rest are ignored with a diagnostic. Default 1024.</summary>
    public int MaxOptionsPerBlock { get; init; } = 1024;

    /// <summary>Most pcapng name resolution records kept (<see cref="CaptureReader.NameRecords"/>); the rest are ignored with a diagnostic. Default 65536.</summary>
    public int MaxNameRecords { get; init; } = 65536;

    /// <summary>Most diagnostics kept; later ones are only counted (<see cref="CaptureReader.SuppressedDiagnosticCount"/>). Default 1000.</summary>
    public int MaxDiagnostics { get; init; } = 1000;

    /// <summary>
    /// Most bytes read out of a gzip-compressed capture; reading stops with a diagnostic beyond it. Default null: no
    /// limit (the reader streams, so memory stays bounded by the record and block caps whatever the size).
    /// </summary>
    public long? MaxDecompressedLength { get; init; }

    /// <summary>Size of the reads from a stream or file, in bytes. Default 65536.</summary>
    public int ReadBufferSize { get; init; } = 65536;
}
