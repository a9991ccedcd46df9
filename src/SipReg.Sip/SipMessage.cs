using System.Buffers;

namespace SipReg.Sip;

/// <summary>
/// A parsed SIP message: start line, header fields, body and diagnostics, as offsets into a private copy of the
/// bytes. One instance is meant to be reused: after the first few messages, parsing allocates nothing.
/// </summary>
/// <remarks>
/// Spans handed out by this instance (and the readers built on them) are valid until the next <c>Parse</c>.
/// Malformed input never throws: the result is the best reading plus located <see cref="Diagnostics"/>.
/// </remarks>
public sealed partial class SipMessage
{
    private const int MaxDiagnostics = 64;

    private readonly SipParserOptions _options;
    private byte[] _buffer = [];
    private int _length;
    private HeaderEntry[] _headers = new HeaderEntry[16];
    private int _headerCount;

    // Index of the first and last field of each known header (-1: none); fields of one header are chained through
    // HeaderEntry.Next, so a typed lookup never walks the other fields.
    private readonly int[] _firstHeader = new int[SipHeaderNames.Count];
    private readonly int[] _lastHeader = new int[SipHeaderNames.Count];
    // What validation read from each Via, Contact, route-like, From, To, CSeq, Expires and Min-Expires value, so the
    // typed readers hand it out instead of parsing the same bytes again (see SipMessage.Values.cs).
    private ValueEntry[] _values = new ValueEntry[16];
    private int _valueCount;
    private long _contentLength = -1;
    private readonly SipDiagnostic[] _diagnostics = new SipDiagnostic[MaxDiagnostics];
    private int _diagnosticCount;
    private SipMessageKind _kind;
    private int _startLineOffset;
    private Segment _method;
    private Segment _requestUri;
    private Segment _version;
    private Segment _reason;
    private int _statusCode;
    private int _bodyOffset;
    private int _bodyLength;

    /// <summary>Creates a reusable message with the default caps.</summary>
    public SipMessage()
        : this(default)
    {
    }

    /// <summary>Creates a reusable message with the given caps.</summary>
    /// <param name="options">The caps (see <see cref="SipParserOptions"/>).</param>
    public SipMessage(SipParserOptions options)
    {
        _options = options;

        // No field until the first Parse: -1 ends every per-header chain (0 would chain field 0 to itself).
        _firstHeader.AsSpan().Fill(-1);
    }

    /// <summary>The caps in force.</summary>
    public SipParserOptions Options => _options;

    /// <summary>What the message is; <see cref="SipMessageKind.Invalid"/> if no start line was found.</summary>
    public SipMessageKind Kind => _kind;

    /// <summary>Whether the message is a request.</summary>
    public bool IsRequest => _kind == SipMessageKind.Request;

    /// <summary>Whether the message is a response.</summary>
    public bool IsResponse => _kind == SipMessageKind.Response;

    /// <summary>The bytes that were parsed (a private copy; junk before the start line included).</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    /// <summary>0-based offset of the start line in <see cref="Bytes"/> (after any skipped junk or leading CRLFs).</summary>
    public int StartLineOffset => _startLineOffset;

    /// <summary>The request method (e.g. <c>REGISTER</c>); empty for a response.</summary>
    public ReadOnlySpan<byte> Method => Slice(_method);

    /// <summary>The Request-URI as written; empty for a response.</summary>
    public ReadOnlySpan<byte> RequestUri => Slice(_requestUri);

    /// <summary>The SIP-Version (e.g. <c>SIP/2.0</c>).</summary>
    public ReadOnlySpan<byte> Version => Slice(_version);

    /// <summary>The status code of a response, or 0 for a request.</summary>
    public int StatusCode => _statusCode;

    /// <summary>The Reason-Phrase of a response (may be empty).</summary>
    public ReadOnlySpan<byte> ReasonPhrase => Slice(_reason);

    /// <summary>The body as delimited by Content-Length (RFC 3261 §18.3), or empty.</summary>
    public ReadOnlySpan<byte> Body => _buffer.AsSpan(_bodyOffset, _bodyLength);

    /// <summary>0-based offset of the body in <see cref="Bytes"/>.</summary>
    public int BodyOffset => _bodyOffset;

    /// <summary>Number of header fields kept (at most <see cref="SipParserOptions.MaxHeaderCount"/>).</summary>
    public int HeaderCount => _headerCount;

    /// <summary>What was found wrong or unusual, in order of position (at most 64 are kept).</summary>
    public ReadOnlySpan<SipDiagnostic> Diagnostics => _diagnostics.AsSpan(0, _diagnosticCount);

    /// <summary>A header field by its 0-based index, in message order.</summary>
    /// <param name="index">0-based index, below <see cref="HeaderCount"/>.</param>
    /// <returns>The field.</returns>
    /// <exception cref="SipException">The index is out of range (<see cref="SipExceptionReason.IndexOutOfRange"/>).</exception>
    public SipHeaderField GetHeader(int index)
    {
        if ((uint)index >= (uint)_headerCount)
        {
            SipThrow.Exception(SipExceptionReason.IndexOutOfRange, index, default);
        }

        ref readonly var h = ref _headers[index];
        return new SipHeaderField(_buffer.AsSpan(h.NameOffset, h.NameLength), _buffer.AsSpan(h.ValueOffset, h.ValueLength), h.Name, h.LineOffset, h.LineNumber);
    }

    /// <summary>The value of the first field of a known header.</summary>
    /// <param name="header">The header.</param>
    /// <param name="value">Its value (whole line value, not split at commas).</param>
    /// <returns>True if the message has that header.</returns>
    public bool TryGetHeader(SipHeaderName header, out ReadOnlySpan<byte> value)
    {
        var i = FirstHeader(header);
        if (i >= 0)
        {
            value = HeaderValue(i);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>How many fields of a known header the message has (full and compact names alike).</summary>
    /// <param name="header">The header.</param>
    /// <returns>0 when the message has no such field.</returns>
    public int GetHeaderCount(SipHeaderName header)
    {
        var count = 0;
        for (var i = FirstHeader(header); i >= 0; i = NextHeader(i))
        {
            count++;
        }

        return count;
    }

    /// <summary>The value of the first field with the given name text (ASCII case-insensitive; compact forms are not mapped).</summary>
    /// <param name="name">The field name, e.g. <c>X-Custom</c>.</param>
    /// <param name="value">Its value.</param>
    /// <returns>True if found.</returns>
    public bool TryGetHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _headerCount; i++)
        {
            if (SipSyntax.EqualsIgnoreCase(_buffer.AsSpan(_headers[i].NameOffset, _headers[i].NameLength), name))
            {
                value = _buffer.AsSpan(_headers[i].ValueOffset, _headers[i].ValueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Every value of a header across all its fields: list headers (see <see cref="SipHeaderNames.IsList"/>) are split
    /// at commas outside quotes and angle brackets, others yield each field value whole.
    /// </summary>
    /// <param name="header">The header.</param>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    public SipHeaderValueEnumerator GetValues(SipHeaderName header) =>
        new(this, header, header, SipHeaderNames.IsList(header));

    /// <summary>0-based index of the first field of a header, or -1.</summary>
    internal int FirstHeader(SipHeaderName header) => (uint)header < (uint)_firstHeader.Length ? _firstHeader[(int)header] : -1;

    /// <summary>0-based index of the next field with the same name as the field at <paramref name="index"/>, or -1.</summary>
    internal int NextHeader(int index) => _headers[index].Next;

    internal ReadOnlySpan<byte> HeaderValue(int index) => _buffer.AsSpan(_headers[index].ValueOffset, _headers[index].ValueLength);

    internal SipHeaderName HeaderNameAt(int index) => _headers[index].Name;

    private ReadOnlySpan<byte> Slice(Segment s) => _buffer.AsSpan(s.Offset, s.Length);

    private void AddDiagnostic(SipDiagnosticCode code, int offset, int lineNumber)
    {
        if (_diagnosticCount < MaxDiagnostics)
        {
            _diagnostics[_diagnosticCount++] = new SipDiagnostic(code, offset, lineNumber);
        }
    }

    private void Reset()
    {
        _headerCount = 0;
        _valueCount = 0;
        _contentLength = -1;
        _firstHeader.AsSpan().Fill(-1);
        _diagnosticCount = 0;
        _kind = SipMessageKind.Invalid;
        _startLineOffset = 0;
        _method = _requestUri = _version = _reason = default;
        _statusCode = 0;
        _bodyOffset = 0;
        _bodyLength = 0;
        _length = 0;
    }

    private void EnsureCapacity(int length)
    {
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, Math.Max(1024, _buffer.Length * 2))];
        }
    }

    /// <summary>Parses one message from a contiguous buffer (copied; the caller may reuse its buffer afterwards).</summary>
    /// <param name="bytes">One UDP datagram, or one message framed by <see cref="SipStreamFramer"/>.</param>
    /// <param name="transport">How the message travelled, which decides how the body is delimited.</param>
    /// <returns>True if a start line was found (the message is a request or response, possibly with diagnostics).</returns>
    public bool Parse(ReadOnlySpan<byte> bytes, SipTransportKind transport)
    {
        Reset();
        var max = MaxInput;
        var take = Math.Min(bytes.Length, max);
        EnsureCapacity(take);
        bytes[..take].CopyTo(_buffer);
        _length = take;
        return ParseBuffer(transport, bytes.Length > max);
    }

    /// <summary>Parses one message from a possibly multi-segment sequence (copied).</summary>
    /// <param name="bytes">One message framed by <see cref="SipStreamFramer"/>, or one datagram.</param>
    /// <param name="transport">How the message travelled.</param>
    /// <returns>True if a start line was found.</returns>
    public bool Parse(in ReadOnlySequence<byte> bytes, SipTransportKind transport)
    {
        if (bytes.IsSingleSegment)
        {
            return Parse(bytes.FirstSpan, transport);
        }

        Reset();
        var max = MaxInput;
        var take = (int)Math.Min(bytes.Length, max);
        EnsureCapacity(take);
        bytes.Slice(0, take).CopyTo(_buffer);
        _length = take;
        return ParseBuffer(transport, bytes.Length > max);
    }

    private int MaxInput => (int)Math.Min(int.MaxValue - 64, (long)_options.MaxHeaderBytes + _options.MaxBodyBytes);

    private struct HeaderEntry
    {
        public int LineOffset;
        public int LineNumber;
        public int NameOffset;
        public int NameLength;
        public int ValueOffset;
        public int ValueLength;
        public SipHeaderName Name;
        public bool Folded;
        public int Next;
        public int FirstValue;
        public int ValueCount;
    }

    private readonly record struct Segment(int Offset, int Length);
}
