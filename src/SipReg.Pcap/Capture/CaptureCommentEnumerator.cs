namespace SipReg.Pcap;

/// <summary>
/// Enumerates the <c>opt_comment</c> values (UTF-8 bytes) of a pcapng packet block, without allocating. Use it in a
/// <c>foreach</c>: <c>foreach (ReadOnlySpan&lt;byte&gt; comment in packet.Comments) { ... }</c>.
/// </summary>
public ref struct CaptureCommentEnumerator
{
    private PcapNgOptionReader _options;

    internal CaptureCommentEnumerator(ReadOnlySpan<byte> options, bool bigEndian)
    {
        _options = new PcapNgOptionReader(options, bigEndian);
        Current = default;
    }

    /// <summary>The current comment's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    /// <returns>The enumerator itself.</returns>
    public readonly CaptureCommentEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next comment.</summary>
    /// <returns>False when there are no more comments.</returns>
    public bool MoveNext()
    {
        while (_options.MoveNext())
        {
            if (_options.Code == PcapNgOptionReader.Comment)
            {
                Current = _options.Value;
                return true;
            }
        }

        return false;
    }
}
