namespace SipReg.Sip;

/// <summary>One header field line (with its continuation lines) of a parsed message.</summary>
public readonly ref struct SipHeaderField
{
    internal SipHeaderField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, SipHeaderName header, int offset, int lineNumber)
    {
        Name = name;
        Value = value;
        Header = header;
        Offset = offset;
        LineNumber = lineNumber;
    }

    /// <summary>The field name as written (e.g. <c>m</c> or <c>CONTACT</c>).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>
    /// The field value without leading and trailing white space. A folded value keeps its length, with each
    /// line break turned into spaces (RFC 3261 §7.3.1: a continuation is equivalent to SP).
    /// </summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>The known header, or <see cref="SipHeaderName.Unknown"/>.</summary>
    public SipHeaderName Header { get; }

    /// <summary>0-based byte offset of the line in the bytes given to the parser.</summary>
    public int Offset { get; }

    /// <summary>1-based line number of the field's first line.</summary>
    public int LineNumber { get; }
}
