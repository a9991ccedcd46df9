namespace SipReg.Dns.Tests;

public class DnsRecordTests
{
    private static DnsRecord OnlyAnswer(DnsMessage message)
    {
        Assert.False(message.IsMalformed);
        var answers = message.Answers;
        Assert.True(answers.MoveNext());
        return answers.Current;
    }

    [Fact]
    public void Srv_by_hand_RFC2782_with_compressed_target()
    {
        // _sip._udp.example.com SRV 10 60 5060 sip1.example.com (target compressed: RFC 2782 says not to; decoded anyway).
        var bytes = Hex.Bytes("""
            abcd 8180 0001 0001 0000 0000
            04 5f736970 04 5f756470 07 6578616d706c65 03 636f6d 00  0021 0001   # 12..38, example.com at 22
            c00c 0021 0001 0000012c 000d  000a 003c 13c4 04 73697031 c016      # 39..
            """);
        var message = DnsMessage.Read(bytes);
        var record = OnlyAnswer(message);
        Assert.Equal(DnsRecordType.SRV, record.Type);
        Assert.Equal(DnsClass.Internet, record.Class);
        Assert.Equal(300u, record.Ttl);
        Assert.Equal("_sip._udp.example.com", DnsTestDescriber.Text(record.Name));
        Assert.True(record.TryGetSrv(out var srv));
        Assert.Equal(10, srv.Priority);
        Assert.Equal(60, srv.Weight);
        Assert.Equal(5060, srv.Port);
        Assert.Equal("sip1.example.com", srv.Target.ToString());
        Assert.False(record.TryGetNaptr(out _));
        Assert.False(record.TryGetAddress(out _));
    }

    [Fact]
    public void Naptr_by_hand_RFC3403_4_1_RFC3263_example()
    {
        // example.com NAPTR 50 50 "s" "SIPS+D2T" "" _sips._tcp.example.com (RFC 3263 §4.1).
        var bytes = Hex.Bytes("""
            abcd 8180 0001 0001 0000 0000
            07 6578616d706c65 03 636f6d 00 0023 0001                 # 12..28
            c00c 0023 0001 00000e10 001d
            0032 0032 01 73 08 534950532b443254 00 05 5f73697073 04 5f746370 c00c
            """);
        var record = OnlyAnswer(DnsMessage.Read(bytes));
        Assert.True(record.TryGetNaptr(out var naptr));
        Assert.Equal(50, naptr.Order);
        Assert.Equal(50, naptr.Preference);
        Assert.Equal("s"u8.ToArray(), naptr.Flags.ToArray());
        Assert.Equal("SIPS+D2T"u8.ToArray(), naptr.Services.ToArray());
        Assert.True(naptr.Regexp.IsEmpty);
        Assert.Equal("_sips._tcp.example.com", naptr.Replacement.ToString());
        Assert.True(DnsSipRelevance.IsSipNaptrService(naptr.Services));
    }

    private static DnsRecord Single(DnsTestData data, out DnsMessage message)
    {
        var model = new DnsTestMessage(1, 0x8180, [new DnsTestQuestion("example.com", data.Type, 1)],
            [new DnsTestRecord("example.com", 1, 60, data)], [], []);
        message = DnsMessage.Read(DnsTestEncoder.Encode(model, compress: true));
        return OnlyAnswer(message);
    }

    [Fact]
    public void A_and_AAAA_give_the_address_bytes()
    {
        var a = Single(new AddressData([192, 0, 2, 10]), out _);
        Assert.True(a.TryGetAddress(out var v4));
        Assert.Equal(new byte[] { 192, 0, 2, 10 }, v4.ToArray());

        byte[] v6Bytes = Convert.FromHexString("20010db8000000000000000000000001");
        var aaaa = Single(new AddressData(v6Bytes), out _);
        Assert.Equal(DnsRecordType.AAAA, aaaa.Type);
        Assert.True(aaaa.TryGetAddress(out var v6));
        Assert.Equal(v6Bytes, v6.ToArray());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(2)]
    [InlineData(12)]
    public void Cname_ns_ptr_give_one_name(int type)
    {
        var r = Single(new NameData((ushort)type, "sip.example.com"), out _);
        Assert.True(r.TryGetDomainName(out var name));
        Assert.Equal("sip.example.com", name.ToString());
    }

    [Fact]
    public void Mx_gives_preference_and_exchange()
    {
        var r = Single(new MxData(10, "mail.example.com"), out _);
        Assert.True(r.TryGetMx(out var mx));
        Assert.Equal(10, mx.Preference);
        Assert.Equal("mail.example.com", mx.Exchange.ToString());
    }

    [Fact]
    public void Txt_gives_each_character_string()
    {
        var r = Single(new TxtData(["v=spf1", "", "x"]), out _);
        Assert.True(r.TryGetText(out var strings));
        var list = new List<string>();
        foreach (var s in strings)
        {
            list.Add(System.Text.Encoding.ASCII.GetString(s));
        }

        Assert.Equal(["v=spf1", "", "x"], list);
    }

    [Fact]
    public void Soa_gives_names_and_five_numbers()
    {
        var r = Single(new SoaData("ns1.example.com", "hostmaster.example.com", 2024030101, 7200, 900, 1209600, 300), out _);
        Assert.True(r.TryGetSoa(out var soa));
        Assert.Equal("ns1.example.com", soa.PrimaryNameServer.ToString());
        Assert.Equal("hostmaster.example.com", soa.ResponsibleMailbox.ToString());
        Assert.Equal(2024030101u, soa.Serial);
        Assert.Equal(7200u, soa.Refresh);
        Assert.Equal(900u, soa.Retry);
        Assert.Equal(1209600u, soa.Expire);
        Assert.Equal(300u, soa.Minimum);
    }

    [Fact]
    public void Unknown_type_is_kept_raw_with_its_number()
    {
        var r = Single(new RawData(256 + 43, [1, 2, 3]), out _);
        Assert.Equal((DnsRecordType)299, r.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, r.Data.ToArray());
        Assert.Null(DnsMnemonics.GetTypeName(r.Type));
    }

    [Fact]
    public void Opt_gives_udp_size_version_do_and_options_RFC6891_6_1_2()
    {
        // OPT: UDP 1232, ext rcode 0, version 0, DO set; option COOKIE (10) with 8 bytes, option 12 (padding) empty.
        var bytes = Hex.Bytes("""
            0001 0100 0000 0000 0000 0001
            00 0029 04d0 00008000 0010  000a 0008 0102030405060708  000c 0000
            """);
        var message = DnsMessage.Read(bytes);
        Assert.False(message.IsMalformed);
        Assert.True(message.TryGetOpt(out var opt));
        Assert.Equal(1232, opt.UdpPayloadSize);
        Assert.True(opt.DnssecOk);
        Assert.Equal(0, opt.Version);
        var options = opt.Options;
        Assert.True(options.MoveNext());
        Assert.Equal(10, options.Code);
        Assert.Equal(8, options.Current.Length);
        Assert.True(options.MoveNext());
        Assert.Equal(12, options.Code);
        Assert.True(options.Current.IsEmpty);
        Assert.False(options.MoveNext());
    }

    [Theory]
    [InlineData("0001 0001 00000001 0005 0102030405", 23)]          // A with 5 bytes
    [InlineData("0021 0001 00000001 0008 0001000213c4 0000", 23)]   // SRV: root target then 1 extra byte
    [InlineData("0023 0001 00000001 0006 00010002 05 61", 23)]      // NAPTR: flags string runs past RDATA
    [InlineData("0010 0001 00000001 0003 05 6162", 23)]             // TXT: string runs past RDATA
    [InlineData("0005 0001 00000001 0002 01 61 00", 23)]            // CNAME: the name runs past RDATA
    public void Typed_data_must_consume_exactly_rdlength(string fields, int dataOffset)
    {
        var bytes = Hex.Bytes("0001 8180 0000 0001 0000 0000 00 " + fields);
        var message = DnsMessage.Read(bytes);
        Assert.True(message.IsMalformed);
        Assert.Equal(new DnsDiagnostic(dataOffset, DnsSection.Answer, DnsDiagnosticReason.RecordDataLengthMismatch), message.GetDiagnostic(0));
        // The record's boundary is known, so it is still walked; its typed view is refused.
        var answers = message.Answers;
        Assert.True(answers.MoveNext());
        Assert.False(answers.Current.TryGetSrv(out _));
        Assert.False(answers.Current.TryGetAddress(out _));
        Assert.False(answers.Current.TryGetNaptr(out _));
        Assert.False(answers.Current.TryGetDomainName(out _));
        Assert.False(answers.Current.TryGetText(out _));
    }

    [Fact]
    public void Control_a_name_that_fits_its_rdlength_exactly_is_well_formed()
    {
        var message = DnsMessage.Read(Hex.Bytes("0001 8180 0000 0001 0000 0000 00 0005 0001 00000001 0003 01 61 00"));
        Assert.False(message.IsMalformed);
        Assert.Equal(0, message.DiagnosticCount);
    }

    [Fact]
    public void Mdns_class_top_bit_is_cache_flush_and_question_QU_RFC6762()
    {
        var bytes = Hex.Bytes("""
            0000 8400 0001 0001 0000 0000
            05 6c6f63616c 00 00ff 8001                        # local. ANY, QU bit
            c00c 0001 8001 00000078 0004 a9fe0102             # cache-flush A
            """);
        var message = DnsMessage.Read(bytes);
        Assert.True(message.TryGetFirstQuestion(out var q));
        Assert.True(q.UnicastResponse);
        Assert.Equal(DnsClass.Internet, q.Class);
        var record = OnlyAnswer(message);
        Assert.True(record.CacheFlush);
        Assert.Equal(DnsClass.Internet, record.Class);
        Assert.Equal(0x8001, record.RawClass);
    }
}
