using static SipReg.Sip.Tests.TestText;

namespace SipReg.Sip.Tests;

public class MessageParserTests
{
    [Fact]
    public async Task A_message_never_parsed_has_no_header_values()
    {
        // Run apart so that a walk that never ends fails the test instead of hanging the run.
        var walk = Task.Run(() =>
        {
            var m = new SipMessage();
            var count = m.GetHeaderCount(SipHeaderName.Via) + m.HeaderCount;
            foreach (var via in m.Vias)
            {
                count++;
            }

            foreach (var value in m.GetValues(SipHeaderName.Contact))
            {
                count++;
            }

            return (count, m.TryGetHeader(SipHeaderName.CallId, out _), m.TryGetCSeq(out _));
        });
        Assert.True(await Task.WhenAny(walk, Task.Delay(TimeSpan.FromSeconds(10))) == walk, "the walk over a message never parsed did not end");
        Assert.Equal((0, false, false), await walk);
    }

    [Fact]
    public void Register_request_line_and_headers_are_read()
    {
        var m = Parse(Register);
        Assert.Equal(SipMessageKind.Request, m.Kind);
        Assert.Equal("REGISTER", S(m.Method));
        Assert.Equal("sip:registrar.biloxi.com", S(m.RequestUri));
        Assert.Equal("SIP/2.0", S(m.Version));
        Assert.Equal(10, m.HeaderCount);
        Assert.Equal("843817637684230@998sdasdh09", S(m.CallId));
        Assert.True(m.TryGetCSeq(out var cseq));
        Assert.Equal(1826u, cseq.Number);
        Assert.Equal("REGISTER", S(cseq.Method));
        Assert.True(m.TryGetExpires(out var expires));
        Assert.Equal(3600u, expires);
        Assert.Empty(m.Diagnostics.ToArray());
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Status_line_is_read_with_reason_phrase_containing_spaces()
    {
        var m = ParseLines("SIP/2.0 423 Interval Too Brief", "Min-Expires: 1800", "Call-ID: a", "", "");
        Assert.True(m.IsResponse);
        Assert.Equal(423, m.StatusCode);
        Assert.Equal("Interval Too Brief", S(m.ReasonPhrase));
        Assert.True(m.TryGetMinExpires(out var min));
        Assert.Equal(1800u, min);
    }

    [Fact]
    public void Status_line_with_empty_reason_phrase_is_accepted()
    {
        // RFC 3261 §25.1: Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB).
        var m = ParseLines("SIP/2.0 200 ", "Call-ID: a", "", "");
        Assert.Equal(200, m.StatusCode);
        Assert.Equal("", S(m.ReasonPhrase));
    }

    [Theory]
    [InlineData("i", SipHeaderName.CallId)]
    [InlineData("m", SipHeaderName.Contact)]
    [InlineData("e", SipHeaderName.ContentEncoding)]
    [InlineData("l", SipHeaderName.ContentLength)]
    [InlineData("c", SipHeaderName.ContentType)]
    [InlineData("f", SipHeaderName.From)]
    [InlineData("s", SipHeaderName.Subject)]
    [InlineData("k", SipHeaderName.Supported)]
    [InlineData("t", SipHeaderName.To)]
    [InlineData("v", SipHeaderName.Via)]
    [InlineData("o", SipHeaderName.Event)]
    [InlineData("r", SipHeaderName.ReferTo)]
    [InlineData("b", SipHeaderName.ReferredBy)]
    [InlineData("u", SipHeaderName.AllowEvents)]
    [InlineData("x", SipHeaderName.SessionExpires)]
    [InlineData("a", SipHeaderName.AcceptContact)]
    [InlineData("j", SipHeaderName.RejectContact)]
    [InlineData("d", SipHeaderName.RequestDisposition)]
    [InlineData("y", SipHeaderName.Identity)]
    [InlineData("n", SipHeaderName.IdentityInfo)]
    public void Compact_forms_map_to_their_header_in_either_case(string compact, SipHeaderName expected)
    {
        // RFC 3261 §7.3.3 (i m e l c f s k t v) and the compact forms registered since (IANA SIP header registry).
        Assert.Equal(expected, SipHeaderNames.Lookup(B(compact)));
        Assert.Equal(expected, SipHeaderNames.Lookup(B(compact.ToUpperInvariant())));
        Assert.Equal((byte)compact[0], SipHeaderNames.CompactForm(expected));
    }

    [Theory]
    [InlineData("call-id", SipHeaderName.CallId)]
    [InlineData("CALL-ID", SipHeaderName.CallId)]
    [InlineData("www-authenticate", SipHeaderName.WwwAuthenticate)]
    [InlineData("cseq", SipHeaderName.CSeq)]
    [InlineData("Service-route", SipHeaderName.ServiceRoute)]
    [InlineData("X-Unknown", SipHeaderName.Unknown)]
    public void Header_names_are_case_insensitive(string name, SipHeaderName expected)
    {
        // RFC 3261 §7.3.1: field names are always case-insensitive.
        Assert.Equal(expected, SipHeaderNames.Lookup(B(name)));
    }

    [Fact]
    public void Full_name_round_trips_for_every_known_header()
    {
        foreach (var h in Enum.GetValues<SipHeaderName>())
        {
            if (h != SipHeaderName.Unknown)
            {
                Assert.Equal(h, SipHeaderNames.Lookup(SipHeaderNames.FullName(h)));
            }
        }
    }

    [Fact]
    public void Compact_message_reads_like_the_full_one()
    {
        var m = ParseLines(
            "REGISTER sip:example.com SIP/2.0",
            "v: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK1",
            "f: <sip:a@example.com>;tag=1",
            "t: <sip:a@example.com>",
            "i: cid",
            "m: <sip:a@192.0.2.1>;expires=60",
            "k: path",
            "l: 0",
            "",
            "");
        Assert.Equal("cid", S(m.CallId));
        Assert.True(m.TryGetFrom(out var from));
        Assert.Equal("1", S(from.Tag));
        var n = 0;
        foreach (var c in m.Contacts)
        {
            Assert.True(c.TryGetExpires(out var e));
            Assert.Equal(60u, e);
            n++;
        }

        Assert.Equal(1, n);
        Assert.Equal(["path"], Values(m.GetOptionTags(SipHeaderName.Supported)));
        foreach (var v in m.Vias)
        {
            Assert.Equal("TCP", S(v.Transport));
        }
    }

    [Fact]
    public void Whitespace_before_the_colon_is_accepted_although_tshark_rejects_it()
    {
        // RFC 3261 §7.3.1 and §25.1: HCOLON = *( SP / HTAB ) ":" SWS, so "Expires :" and "Call-ID\t:" are valid
        // (RFC 4475 §3.1.1.1 uses this). tshark 4.0 does not accept it (corpus README).
        var m = ParseLines("REGISTER sip:x SIP/2.0", "Call-ID  : abc", "Expires\t:\t120", "", "");
        Assert.Equal("abc", S(m.CallId));
        Assert.True(m.TryGetExpires(out var e));
        Assert.Equal(120u, e);
        Assert.Empty(m.Diagnostics.ToArray());
    }

    [Fact]
    public void Folded_lines_continue_the_header_and_read_as_white_space()
    {
        // RFC 3261 §7.3.1: a line starting with SP or HTAB continues the previous field; it is equivalent to one SP.
        var m = ParseLines(
            "REGISTER sip:x SIP/2.0",
            "Contact: <sip:a@192.0.2.1>;expires=10,",
            "  \"Quoted, \\\"name\\\"\"",
            "\t<sip:b@192.0.2.2>;q=0.5",
            "Subject: one",
            " two",
            "",
            "");
        Assert.True(m.TryGetHeader(SipHeaderName.Subject, out var subject));
        // The line break keeps its two bytes as spaces, so offsets stay valid; SWS makes any run equivalent.
        Assert.Equal("one   two", S(subject));
        var uris = new List<string>();
        var names = new List<string>();
        foreach (var c in m.Contacts)
        {
            uris.Add(S(c.Uri));
            names.Add(SipText.GetUnescapedString(c.Address.DisplayName));
        }

        Assert.Equal(["sip:a@192.0.2.1", "sip:b@192.0.2.2"], uris);
        Assert.Equal(["", "Quoted, \"name\""], names);
        Assert.Empty(m.Diagnostics.ToArray());
    }

    [Fact]
    public void Several_values_on_one_line_and_repeated_headers_read_the_same()
    {
        // RFC 3261 §7.3.1: a comma-separated list may be split over several fields of the same name.
        var one = ParseLines("SIP/2.0 200 OK", "Path: <sip:p1;lr>, <sip:p2;lr>,<sip:p3;lr>", "", "");
        var many = ParseLines("SIP/2.0 200 OK", "Path: <sip:p1;lr>", "path: <sip:p2;lr>", "PATH:<sip:p3;lr>", "", "");
        Assert.Equal(Uris(one.Path), Uris(many.Path));
        Assert.Equal(["sip:p1;lr", "sip:p2;lr", "sip:p3;lr"], Uris(one.Path));

        static List<string> Uris(SipNameAddressEnumerator e)
        {
            var l = new List<string>();
            foreach (var a in e)
            {
                l.Add(S(a.Uri));
            }

            return l;
        }
    }

    [Fact]
    public void Junk_before_the_start_line_is_skipped_with_a_diagnostic()
    {
        var m = Parse("\u0001garbage line\r\nmore junk\r\nOPTIONS sip:x SIP/2.0\r\nCall-ID: j\r\n\r\n");
        Assert.Equal("OPTIONS", S(m.Method));
        Assert.Equal("j", S(m.CallId));
        var d = Assert.Single(m.Diagnostics.ToArray());
        Assert.Equal(SipDiagnosticCode.JunkBeforeStartLine, d.Code);
        Assert.Equal(0, d.Offset);
        Assert.Equal(1, d.LineNumber);
        Assert.Equal("\u0001garbage line\r\nmore junk\r\n".Length, m.StartLineOffset);
    }

    [Fact]
    public void Leading_crlfs_are_ignored_without_diagnostic()
    {
        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        var m = Parse("\r\n\r\nOPTIONS sip:x SIP/2.0\r\nCall-ID: j\r\n\r\n");
        Assert.True(m.IsRequest);
        Assert.Empty(m.Diagnostics.ToArray());
    }

    [Fact]
    public void No_start_line_gives_an_invalid_message_with_a_diagnostic()
    {
        var m = new SipMessage();
        Assert.False(m.Parse(B("hello world\r\nfoo: bar\r\n\r\n"), SipTransportKind.Datagram));
        Assert.Equal(SipMessageKind.Invalid, m.Kind);
        Assert.Contains(SipDiagnosticCode.NoStartLine, Codes(m));
    }

    [Fact]
    public void Malformed_header_line_is_located_and_skipped()
    {
        var m = ParseLines("OPTIONS sip:x SIP/2.0", "Call-ID: a", "this line has no colon", "Expires: 5", "", "");
        var d = Assert.Single(m.Diagnostics.ToArray());
        Assert.Equal(SipDiagnosticCode.MalformedHeaderLine, d.Code);
        Assert.Equal(3, d.LineNumber);
        Assert.Equal("OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\n".Length, d.Offset);
        Assert.True(m.TryGetExpires(out _));
    }

    [Fact]
    public void Malformed_known_header_value_is_reported()
    {
        var m = ParseLines("OPTIONS sip:x SIP/2.0", "CSeq: abc OPTIONS", "Expires: soon", "", "");
        Assert.Equal([SipDiagnosticCode.MalformedHeaderValue, SipDiagnosticCode.MalformedHeaderValue], Codes(m));
        Assert.False(m.TryGetCSeq(out _));
    }

    [Fact]
    public void Bare_lf_line_endings_are_tolerated()
    {
        var m = Parse("REGISTER sip:x SIP/2.0\nCall-ID: lf\nContent-Length: 4\n\nbody");
        Assert.Equal("lf", S(m.CallId));
        Assert.Equal("body", S(m.Body));
        Assert.Equal([SipDiagnosticCode.BareLineFeed], Codes(m));
    }

    [Fact]
    public void Datagram_body_is_delimited_by_content_length()
    {
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nContent-Length: 5\r\n\r\nhello");
        Assert.Equal("hello", S(m.Body));
        Assert.Empty(m.Diagnostics.ToArray());
    }

    [Fact]
    public void Datagram_without_content_length_takes_the_rest_as_body()
    {
        // RFC 3261 §18.3: in a datagram without Content-Length the body runs to the end of the packet.
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nCall-ID: a\r\n\r\nhello");
        Assert.Equal("hello", S(m.Body));
        Assert.Empty(m.Diagnostics.ToArray());
    }

    [Fact]
    public void Datagram_content_length_beyond_the_datagram_is_reported()
    {
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nContent-Length: 50\r\n\r\nhello");
        Assert.Equal("hello", S(m.Body));
        var d = Assert.Single(m.Diagnostics.ToArray());
        Assert.Equal(SipDiagnosticCode.ContentLengthBeyondData, d.Code);
        Assert.Equal(2, d.LineNumber);
    }

    [Fact]
    public void Datagram_bytes_after_the_body_are_discarded_with_a_diagnostic()
    {
        // RFC 3261 §18.3: octets beyond Content-Length in a datagram are discarded.
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nContent-Length: 2\r\n\r\nhello");
        Assert.Equal("he", S(m.Body));
        Assert.Equal([SipDiagnosticCode.BytesAfterBody], Codes(m));
    }

    [Fact]
    public void Stream_message_without_content_length_is_reported()
    {
        var m = Parse("OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\n\r\n", SipTransportKind.Stream);
        Assert.Equal([SipDiagnosticCode.MissingContentLength], Codes(m));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("12345678901")]
    public void Invalid_content_length_is_reported(string value)
    {
        var m = Parse($"OPTIONS sip:x SIP/2.0\r\nContent-Length: {value}\r\n\r\n", SipTransportKind.Stream);
        Assert.Contains(SipDiagnosticCode.InvalidContentLength, Codes(m));
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Conflicting_content_lengths_are_reported_and_the_first_wins()
    {
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nContent-Length: 2\r\nl: 3\r\n\r\nabc");
        Assert.Equal("ab", S(m.Body));
        Assert.Contains(SipDiagnosticCode.ConflictingContentLength, Codes(m));
    }

    [Fact]
    public void Header_count_cap_is_reported()
    {
        var lines = new List<string> { "OPTIONS sip:x SIP/2.0" };
        for (var i = 0; i < 10; i++)
        {
            lines.Add($"X-H{i}: {i}");
        }

        lines.Add("");
        lines.Add("");
        var m = Parse(string.Join("\r\n", lines), options: new SipParserOptions { MaxHeaderCount = 4 });
        Assert.Equal(4, m.HeaderCount);
        var d = Assert.Single(m.Diagnostics.ToArray());
        Assert.Equal(SipDiagnosticCode.TooManyHeaders, d.Code);
        Assert.Equal(6, d.LineNumber);
    }

    [Fact]
    public void Header_bytes_cap_is_reported()
    {
        var text = "OPTIONS sip:x SIP/2.0\r\nX-Long: " + new string('a', 300) + "\r\nCall-ID: late\r\n\r\n";
        var m = Parse(text, options: new SipParserOptions { MaxHeaderBytes = 128 });
        Assert.Contains(SipDiagnosticCode.HeaderSectionTooLarge, Codes(m));
        Assert.True(m.CallId.IsEmpty);
    }

    [Fact]
    public void Body_cap_is_reported_and_the_body_cut()
    {
        var m = Parse("MESSAGE sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\n0123456789", options: new SipParserOptions { MaxBodyBytes = 4 });
        Assert.Equal("0123", S(m.Body));
        Assert.Contains(SipDiagnosticCode.BodyTooLarge, Codes(m));
    }

    [Fact]
    public void Default_options_have_the_documented_caps()
    {
        var o = default(SipParserOptions);
        Assert.Equal(64 * 1024, o.MaxHeaderBytes);
        Assert.Equal(256, o.MaxHeaderCount);
        Assert.Equal(16 * 1024 * 1024, o.MaxBodyBytes);
    }

    [Fact]
    public void GetHeader_out_of_range_throws_SipException_with_reason()
    {
        var m = Parse(Register);
        var ex = Assert.Throws<SipException>(() => m.GetHeader(99));
        Assert.Equal(SipExceptionReason.IndexOutOfRange, ex.Reason);
        Assert.Equal(99, ex.Offset);
    }

    [Fact]
    public void Exception_excerpt_is_escaped_and_cut_short()
    {
        var ex = new SipException(SipExceptionReason.InvalidArgument, 3, B("a\r\nb\\" + new string('x', 40)));
        Assert.Contains("a\\r\\nb\\\\", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("...", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_are_kept_in_order_with_names_as_written()
    {
        var m = ParseLines("OPTIONS sip:x SIP/2.0", "v: SIP/2.0/UDP h", "X-Custom: 1", "", "");
        Assert.Equal("v", S(m.GetHeader(0).Name));
        Assert.Equal(SipHeaderName.Via, m.GetHeader(0).Header);
        Assert.Equal(SipHeaderName.Unknown, m.GetHeader(1).Header);
        Assert.True(m.TryGetHeader("x-custom"u8, out var v));
        Assert.Equal("1", S(v));
        Assert.Equal(3, m.GetHeader(1).LineNumber);
    }

    [Fact]
    public void Message_is_reusable_and_forgets_the_previous_one()
    {
        var m = new SipMessage();
        m.Parse(B(Ok), SipTransportKind.Datagram);
        m.Parse(B("OPTIONS sip:x SIP/2.0\r\nCall-ID: 2\r\n\r\n"), SipTransportKind.Datagram);
        Assert.Equal("2", S(m.CallId));
        Assert.Equal(1, m.HeaderCount);
        Assert.False(m.TryGetHeader(SipHeaderName.Path, out _));
    }

    [Fact]
    public void Parse_of_a_multi_segment_sequence_equals_parse_of_the_span()
    {
        var bytes = B(Ok).ToArray();
        var seq = Segments.Split(bytes, 7);
        var m = new SipMessage();
        m.Parse(seq, SipTransportKind.Stream);
        Assert.Equal(bytes, m.Bytes.ToArray());
        Assert.Equal(200, m.StatusCode);
    }

    [Fact]
    public void Diagnostics_are_capped_at_64_per_message()
    {
        var sb = new System.Text.StringBuilder("OPTIONS sip:x SIP/2.0\r\n");
        for (var i = 0; i < 100; i++)
        {
            sb.Append("no colon here\r\n");
        }

        var m = Parse(sb.Append("\r\n").ToString());
        Assert.Equal(64, m.Diagnostics.Length);
        Assert.All(m.Diagnostics.ToArray(), d => Assert.Equal(SipDiagnosticCode.MalformedHeaderLine, d.Code));
    }

    [Fact]
    public void Continuation_line_without_a_header_is_reported()
    {
        var m = ParseLines("OPTIONS sip:x SIP/2.0", " orphan", "Call-ID: a", "", "");
        Assert.Equal([SipDiagnosticCode.OrphanContinuationLine], Codes(m));
        Assert.Equal("a", S(m.CallId));
    }

    [Fact]
    public void Header_section_without_empty_line_is_reported()
    {
        var m = Parse("OPTIONS sip:x SIP/2.0\r\nCall-ID: a\r\n");
        Assert.Equal([SipDiagnosticCode.MissingHeaderTerminator], Codes(m));
        Assert.Equal("a", S(m.CallId));
    }

    [Fact]
    public void Diagnostics_are_in_byte_order_with_line_numbers()
    {
        var m = Parse("junk\r\nOPTIONS sip:x SIP/2.0\r\nCSeq: x\r\nbad line\r\n\r\n");
        var d = m.Diagnostics.ToArray();
        Assert.Equal([SipDiagnosticCode.JunkBeforeStartLine, SipDiagnosticCode.MalformedHeaderValue, SipDiagnosticCode.MalformedHeaderLine], d.Select(x => x.Code));
        Assert.Equal([1, 3, 4], d.Select(x => x.LineNumber));
        Assert.Equal("MalformedHeaderValue at byte 29 (line 3)", d[1].ToString());
    }

    [Fact]
    public void Non_list_headers_are_not_split_at_commas()
    {
        // RFC 3261 §20.17: Date is an rfc1123-date, which contains a comma; it is not a comma-separated list.
        var m = ParseLines("OPTIONS sip:x SIP/2.0", "Date: Sat, 13 Nov 2010 23:29:00 GMT", "Supported: a, b", "", "");
        Assert.Equal(["Sat, 13 Nov 2010 23:29:00 GMT"], Values(m.GetValues(SipHeaderName.Date)));
        Assert.Equal(["a", "b"], Values(m.GetValues(SipHeaderName.Supported)));
        Assert.False(SipHeaderNames.IsList(SipHeaderName.From));
        Assert.True(SipHeaderNames.IsList(SipHeaderName.Contact));
    }
}
