namespace SipReg.Sip;

/// <content>The parsing of the start line, header section and body.</content>
public sealed partial class SipMessage
{
    private bool ParseBuffer(SipTransportKind transport, bool inputCut)
    {
        var s = _buffer.AsSpan(0, _length);
        var pos = 0;
        var line = 1;
        var bareLf = false;

        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        while (pos < s.Length && (s[pos] == '\r' || s[pos] == '\n'))
        {
            if (s[pos] == '\n')
            {
                line++;
            }

            pos++;
        }

        var junkReported = false;
        while (true)
        {
            if (pos >= s.Length)
            {
                AddDiagnostic(SipDiagnosticCode.NoStartLine, Math.Min(pos, s.Length), line);
                return false;
            }

            var lineEnd = LineEnd(s, pos, out var contentEnd, ref bareLf);
            if (TryReadStartLine(s, pos, contentEnd))
            {
                _startLineOffset = pos;
                pos = lineEnd;
                line++;
                break;
            }

            if (!junkReported)
            {
                AddDiagnostic(SipDiagnosticCode.JunkBeforeStartLine, pos, line);
                junkReported = true;
            }

            pos = lineEnd;
            line++;
        }

        var headerLimit = _startLineOffset + _options.MaxHeaderBytes;
        var maxHeaders = _options.MaxHeaderCount;
        var last = -1;
        var anyFolded = false;
        var tooMany = false;
        int bodyStart;
        while (true)
        {
            if (pos >= s.Length)
            {
                AddDiagnostic(SipDiagnosticCode.MissingHeaderTerminator, pos, line);
                bodyStart = s.Length;
                break;
            }

            if (pos >= headerLimit)
            {
                AddDiagnostic(SipDiagnosticCode.HeaderSectionTooLarge, pos, line);
                bodyStart = s.Length;
                break;
            }

            var lineEnd = LineEnd(s, pos, out var contentEnd, ref bareLf);
            if (contentEnd == pos)
            {
                bodyStart = lineEnd;
                break;
            }

            var first = s[pos];
            if (first is (byte)' ' or (byte)'\t')
            {
                // RFC 3261 §7.3.1: a line starting with white space continues the previous header field.
                if (last >= 0)
                {
                    // An empty value starts on the continuation line; a continuation of only white space adds nothing.
                    var end = TrimEnd(s, _headers[last].ValueOffset, contentEnd);
                    var start = _headers[last].ValueLength == 0 ? SkipWhitespace(s, pos, contentEnd) : _headers[last].ValueOffset;
                    if (end > start && end > _headers[last].ValueOffset + _headers[last].ValueLength)
                    {
                        _headers[last].ValueOffset = start;
                        _headers[last].ValueLength = end - start;
                        _headers[last].Folded = true;
                        anyFolded = true;
                    }
                }
                else if (!tooMany)
                {
                    AddDiagnostic(SipDiagnosticCode.OrphanContinuationLine, pos, line);
                }
            }
            else
            {
                var colon = SipSyntax.IndexOfNear(s[pos..contentEnd], (byte)':');
                var nameEnd = colon < 0 ? pos : TrimEnd(s, pos, pos + colon);
                var name = s[pos..nameEnd];

                // Every known name is a token, so only an unknown one needs the token check.
                var header = colon < 0 ? SipHeaderName.Unknown : SipHeaderNames.Lookup(name);
                if (colon < 0 || (header == SipHeaderName.Unknown && !SipSyntax.IsToken(name)))
                {
                    AddDiagnostic(SipDiagnosticCode.MalformedHeaderLine, pos, line);
                    last = -1;
                }
                else if (_headerCount >= maxHeaders)
                {
                    if (!tooMany)
                    {
                        AddDiagnostic(SipDiagnosticCode.TooManyHeaders, pos, line);
                        tooMany = true;
                    }

                    last = -1;
                }
                else
                {
                    // RFC 3261 §7.3.1/§25.1: HCOLON = *( SP / HTAB ) ":" SWS, so white space before the colon is legal.
                    var valueStart = SkipWhitespace(s, pos + colon + 1, contentEnd);
                    var valueEnd = TrimEnd(s, valueStart, contentEnd);
                    if (_headerCount == _headers.Length)
                    {
                        Array.Resize(ref _headers, Math.Min(maxHeaders, _headers.Length * 2));
                    }

                    last = _headerCount++;
                    _headers[last] = new HeaderEntry
                    {
                        LineOffset = pos,
                        LineNumber = line,
                        NameOffset = pos,
                        NameLength = name.Length,
                        ValueOffset = valueStart,
                        ValueLength = valueEnd - valueStart,
                        Name = header,
                        Next = -1,
                        FirstValue = -1,
                    };

                    ref var previous = ref _lastHeader[(int)header];
                    if (_firstHeader[(int)header] < 0)
                    {
                        _firstHeader[(int)header] = last;
                    }
                    else
                    {
                        _headers[previous].Next = last;
                    }

                    previous = last;
                }
            }

            pos = lineEnd;
            line++;
        }

        if (bareLf)
        {
            AddDiagnostic(SipDiagnosticCode.BareLineFeed, _startLineOffset, 0);
        }

        if (anyFolded)
        {
            Unfold();
        }

        ReadBody(transport, bodyStart, inputCut);
        ValidateKnownHeaders();
        SortDiagnostics();
        return true;
    }

    /// <summary>Turns the line breaks inside folded values into spaces, keeping every offset (RFC 3261 §7.3.1).</summary>
    private void Unfold()
    {
        for (var i = 0; i < _headerCount; i++)
        {
            if (_headers[i].Folded)
            {
                var v = _buffer.AsSpan(_headers[i].ValueOffset, _headers[i].ValueLength);
                v.Replace((byte)'\r', (byte)' ');
                v.Replace((byte)'\n', (byte)' ');
            }
        }
    }

    private void ReadBody(SipTransportKind transport, int bodyStart, bool inputCut)
    {
        var available = _length - bodyStart;
        var hasLength = false;
        var lengthInvalid = false;
        long contentLength = 0;
        var clLine = 0;
        var clOffset = bodyStart;
        for (var i = FirstHeader(SipHeaderName.ContentLength); i >= 0; i = _headers[i].Next)
        {
            ref readonly var h = ref _headers[i];
            var ok = SipSyntax.TryParseDecimal(_buffer.AsSpan(h.ValueOffset, h.ValueLength), 10, out var v);
            if (i == FirstHeader(SipHeaderName.ContentLength) && ok)
            {
                _contentLength = v;
            }

            if (!ok)
            {
                AddDiagnostic(SipDiagnosticCode.InvalidContentLength, h.LineOffset, h.LineNumber);
                lengthInvalid |= !hasLength;
            }
            else if (!hasLength && !lengthInvalid)
            {
                hasLength = true;
                contentLength = v;
                clLine = h.LineNumber;
                clOffset = h.LineOffset;
            }
            else if (hasLength && v != contentLength)
            {
                AddDiagnostic(SipDiagnosticCode.ConflictingContentLength, h.LineOffset, h.LineNumber);
            }
        }

        long body;
        if (!hasLength && !lengthInvalid)
        {
            // RFC 3261 §18.3: on a stream Content-Length is mandatory; in a datagram the body is the rest.
            if (transport == SipTransportKind.Stream)
            {
                AddDiagnostic(SipDiagnosticCode.MissingContentLength, _startLineOffset, 1);
            }

            body = available;
        }
        else if (lengthInvalid)
        {
            body = transport == SipTransportKind.Stream ? 0 : available;
        }
        else if (contentLength > available)
        {
            if (!inputCut)
            {
                AddDiagnostic(SipDiagnosticCode.ContentLengthBeyondData, clOffset, clLine);
            }

            body = available;
        }
        else
        {
            body = contentLength;
            if (transport == SipTransportKind.Datagram && contentLength < available &&
                _buffer.AsSpan(bodyStart + (int)contentLength, available - (int)contentLength).ContainsAnyExcept(s_paddingBytes))
            {
                // RFC 3261 §18.3: bytes after Content-Length in a datagram are discarded.
                AddDiagnostic(SipDiagnosticCode.BytesAfterBody, bodyStart + (int)contentLength, 0);
            }
        }

        if (body > _options.MaxBodyBytes || (inputCut && hasLength && contentLength > _options.MaxBodyBytes))
        {
            AddDiagnostic(SipDiagnosticCode.BodyTooLarge, clOffset, clLine);
            body = Math.Min(body, _options.MaxBodyBytes);
        }

        _bodyOffset = bodyStart;
        _bodyLength = (int)body;
    }

    private static readonly System.Buffers.SearchValues<byte> s_paddingBytes = System.Buffers.SearchValues.Create("\r\n\0 "u8);

    private void ValidateKnownHeaders()
    {
        for (var i = 0; i < _headerCount; i++)
        {
            if (!Validate(ref _headers[i]))
            {
                AddDiagnostic(SipDiagnosticCode.MalformedHeaderValue, _headers[i].LineOffset, _headers[i].LineNumber);
            }
        }
    }

    private void SortDiagnostics()
    {
        // Insertion sort by offset: few entries, stable, no allocation.
        var d = _diagnostics.AsSpan(0, _diagnosticCount);
        for (var i = 1; i < d.Length; i++)
        {
            var x = d[i];
            var j = i - 1;
            while (j >= 0 && d[j].Offset > x.Offset)
            {
                d[j + 1] = d[j];
                j--;
            }

            d[j + 1] = x;
        }
    }

    /// <summary>End of the line that starts at <paramref name="pos"/> (after its LF), and where its content ends (before CR LF).</summary>
    private static int LineEnd(ReadOnlySpan<byte> s, int pos, out int contentEnd, ref bool bareLf)
    {
        var lf = s[pos..].IndexOf((byte)'\n');
        if (lf < 0)
        {
            contentEnd = s.Length;
            if (contentEnd > pos && s[contentEnd - 1] == '\r')
            {
                contentEnd--;
            }

            return s.Length;
        }

        var end = pos + lf;
        if (end > pos && s[end - 1] == '\r')
        {
            contentEnd = end - 1;
        }
        else
        {
            contentEnd = end;
            bareLf = true;
        }

        return end + 1;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> s, int pos, int end)
    {
        while (pos < end && (s[pos] == ' ' || s[pos] == '\t'))
        {
            pos++;
        }

        return pos;
    }

    private static int TrimEnd(ReadOnlySpan<byte> s, int start, int end)
    {
        while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        {
            end--;
        }

        return end;
    }

    /// <summary>
    /// Reads a Request-Line (<c>Method SP Request-URI SP SIP-Version</c>, RFC 3261 §7.1) or a Status-Line
    /// (<c>SIP-Version SP Status-Code SP Reason-Phrase</c>, §7.2).
    /// </summary>
    private bool TryReadStartLine(ReadOnlySpan<byte> s, int pos, int end)
    {
        var line = s[pos..end];
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0)
        {
            return false;
        }

        if (IsSipVersion(line[..sp1]))
        {
            var rest = line[(sp1 + 1)..];
            if (rest.Length < 3 || !SipSyntax.TryParseDecimal(rest[..3], 3, out var code) || code < 100 || (rest.Length > 3 && rest[3] != ' '))
            {
                return false;
            }

            _kind = SipMessageKind.Response;
            _version = new Segment(pos, sp1);
            _statusCode = (int)code;
            var reasonStart = pos + sp1 + 1 + Math.Min(4, rest.Length);
            _reason = new Segment(reasonStart, end - reasonStart);
            return true;
        }

        var method = line[..sp1];
        if (!SipSyntax.IsToken(method))
        {
            return false;
        }

        var sp2 = line.LastIndexOf((byte)' ');
        if (sp2 <= sp1 + 1 || !IsSipVersion(line[(sp2 + 1)..]))
        {
            return false;
        }

        var uri = SipSyntax.Trim(line[(sp1 + 1)..sp2]);
        if (uri.IsEmpty || uri.Contains((byte)' '))
        {
            return false;
        }

        _kind = SipMessageKind.Request;
        _method = new Segment(pos, sp1);
        var uriOffset = pos + sp1 + 1;
        while (s[uriOffset] == ' ')
        {
            uriOffset++;
        }

        _requestUri = new Segment(uriOffset, uri.Length);
        _version = new Segment(pos + sp2 + 1, line.Length - sp2 - 1);
        return true;
    }

    /// <summary>RFC 3261 §25.1: <c>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT</c> (case-insensitive).</summary>
    internal static bool IsSipVersion(ReadOnlySpan<byte> v)
    {
        if (v.Length < 7 || !SipSyntax.EqualsIgnoreCase(v[..4], "SIP/"u8))
        {
            return false;
        }

        var rest = v[4..];
        var dot = rest.IndexOf((byte)'.');
        return dot > 0 && dot < rest.Length - 1 && !rest[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9')
            && !rest[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }
}
