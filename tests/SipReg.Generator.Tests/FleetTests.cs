using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using System.Text.Json;
using SipReg.Pcap;

namespace SipReg.Generator.Tests;

public class FleetTests
{
    private static readonly FleetSpec s_small = new()
    {
        Seed = 42,
        UserAgents = 60,
        Duration = TimeSpan.FromMinutes(30),
        AuthLoopFraction = 0.1,
        FailureFraction = 0.1,
        NoResponseFraction = 0.1,
        MinExpiresFraction = 0.1,
        DeregisterFraction = 0.1,
        PreRegisteredFraction = 0.1,
        DnsLookupFraction = 0.5,
        DnsFailureFraction = 0.5,
        KeepAliveFraction = 0.5,
    };

    private static (byte[] Bytes, GenerationCounts Counts) Generate(FleetSpec spec)
    {
        using var stream = new MemoryStream();
        GenerationCounts counts = CaptureGenerator.WriteFleet(spec, stream);
        return (stream.ToArray(), counts);
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes()
    {
        byte[] first = Generate(s_small).Bytes;
        byte[] second = Generate(s_small).Bytes;
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(second));
        Assert.Equal(first.Length, second.Length);
    }

    [Fact]
    public void Different_seed_gives_different_bytes()
    {
        byte[] first = Generate(s_small).Bytes;
        byte[] second = Generate(s_small with { Seed = 43 }).Bytes;
        Assert.NotEqual(SHA256.HashData(first), SHA256.HashData(second));
    }

    [Theory]
    [InlineData(CaptureFileFormat.Pcap)]
    [InlineData(CaptureFileFormat.PcapMicroseconds)]
    [InlineData(CaptureFileFormat.PcapNg)]
    public void Counts_match_what_an_independent_reader_finds(CaptureFileFormat format)
    {
        (byte[] bytes, GenerationCounts counts) = Generate(s_small with { Format = format });
        Tally tally = Tally.Of(bytes);

        Assert.True(tally.InOrder);
        Assert.Equal(counts.Records, tally.Records);
        Assert.Equal(counts.SipRequests, tally.SipRequests);
        Assert.Equal(counts.SipResponses, tally.SipResponses);
        Assert.Equal(counts.SipBytes, tally.SipBytes);
        Assert.Equal(counts.KeepAlives, tally.KeepAlives);
        Assert.Equal(counts.DnsQueries, tally.DnsQueries);
        Assert.Equal(counts.DnsResponsesByRcode.Values.Sum(), tally.DnsResponses);
        Assert.Equal(counts.RequestsByMethod.OrderBy(p => p.Key, StringComparer.Ordinal), tally.Methods);
        Assert.Equal(counts.ResponsesByStatus.OrderBy(p => p.Key), tally.Statuses);
        Assert.Equal(counts.RequestsByMethod["REGISTER"], counts.RegisterTransactions + counts.RegisterRetransmissions);
    }

    [Fact]
    public void The_mix_shows_every_behaviour_and_its_rule()
    {
        GenerationCounts counts = Generate(s_small).Counts;

        Assert.Equal(s_small.UserAgents, counts.UserAgentStatus.Count);
        foreach (string status in new[]
        {
            ExpectedStatuses.ChallengeThenRegistered, ExpectedStatuses.Registered, ExpectedStatuses.AuthLoop, ExpectedStatuses.Failed,
            ExpectedStatuses.NoResponse, ExpectedStatuses.Deregistered,
        })
        {
            Assert.Contains(status, counts.StatusCounts.Keys);
        }

        foreach (string rule in new[]
        {
            ExpectedRuleIds.ChallengeThenRegistered, ExpectedRuleIds.AuthLoop, ExpectedRuleIds.FinalFailure, ExpectedRuleIds.NoResponse,
            ExpectedRuleIds.MinExpiresHonoured, ExpectedRuleIds.Deregistration, ExpectedRuleIds.DnsFailure,
        })
        {
            Assert.Contains(rule, counts.ExpectedRules);
        }

        Assert.DoesNotContain(ExpectedRuleIds.GrantedExpiresReduced, counts.ExpectedRules);
        Assert.Contains(401, counts.ResponsesByStatus.Keys);
        Assert.Contains(423, counts.ResponsesByStatus.Keys);
        Assert.True(counts.KeepAlives > 0);
        Assert.True(counts.RegisterRetransmissions > 0);
        Assert.Contains(counts.DnsResponsesByRcode.Keys, rcode => rcode is "SERVFAIL" or "NXDOMAIN");
        Assert.Contains("NOERROR", counts.DnsResponsesByRcode.Keys);
    }

    [Fact]
    public void Counts_match_the_file_for_any_small_spec()
    {
        Gen<FleetSpec> specs =
            from seed in Gen.Choose(0, int.MaxValue)
            from uas in Gen.Choose(1, 25)
            from minutes in Gen.Choose(1, 20)
            from loop in Gen.Choose(0, 20)
            from failure in Gen.Choose(0, 20)
            from silent in Gen.Choose(0, 20)
            from nat in Gen.Choose(0, 100)
            from pcapng in Gen.Elements(CaptureFileFormat.Pcap, CaptureFileFormat.PcapNg)
            select new FleetSpec
            {
                Seed = seed,
                UserAgents = uas,
                Duration = TimeSpan.FromMinutes(minutes),
                AuthLoopFraction = loop / 100.0,
                FailureFraction = failure / 100.0,
                NoResponseFraction = silent / 100.0,
                KeepAliveFraction = nat / 100.0,
                Format = pcapng,
            };
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), Prop.ForAll(specs.ToArbitrary(), spec =>
        {
            (byte[] bytes, GenerationCounts counts) = Generate(spec);
            Tally tally = Tally.Of(bytes);
            return tally.InOrder && counts.Records == tally.Records && counts.SipRequests == tally.SipRequests
                && counts.SipResponses == tally.SipResponses && counts.KeepAlives == tally.KeepAlives
                && counts.CaptureBytes == bytes.Length && counts.UserAgentStatus.Count <= spec.UserAgents;
        }));
    }

    /// <summary>
    /// A keep-alive falls due while an exchange on the same connection is under way: its segments must still follow the
    /// exchange's in time as in sequence space, and no ACK may cover bytes the other side has not sent yet (RFC 9293).
    /// </summary>
    [Fact]
    public void Tcp_segments_follow_in_time_as_in_sequence_space_and_acks_cover_only_sent_bytes()
    {
        (byte[] bytes, GenerationCounts counts) = Generate(new FleetSpec
        {
            Seed = 3, UserAgents = 300, TargetSipMessages = 30_000, TcpFraction = 1, KeepAliveFraction = 1,
            KeepAliveInterval = TimeSpan.FromSeconds(5),
        });
        Tally tally = Tally.Of(bytes);

        Assert.True(counts.KeepAlives > 1_000, $"only {counts.KeepAlives} keep-alives");
        Assert.Equal(0, tally.SegmentsOutOfSequence);
        Assert.Equal(0, tally.AcksOfUnsentData);
    }

    [Fact]
    public void Tcp_user_agents_keep_contiguous_sequence_numbers_and_answer_pings_with_pongs()
    {
        (byte[] bytes, GenerationCounts counts) = Generate(s_small with { TcpFraction = 1, KeepAliveFraction = 1 });
        Tally tally = Tally.Of(bytes);
        Assert.Equal(counts.SipMessages, tally.SipRequests + tally.SipResponses);
        Assert.Equal(counts.KeepAlives, tally.KeepAlives);
        var next = new Dictionary<string, uint>(StringComparer.Ordinal);
        int pongs = 0;
        foreach ((long _, byte[] frame) in IndependentReader.ReadRecords(bytes))
        {
            IndependentReader.Packet packet = IndependentReader.Check(frame);
            if (packet.Protocol != "tcp")
            {
                continue;
            }

            string key = packet.Source + ":" + packet.SourcePort + ">" + packet.Destination + ":" + packet.DestinationPort;
            if (next.TryGetValue(key, out uint expected))
            {
                Assert.Equal(expected, packet.Sequence);
            }

            next[key] = packet.Sequence + (uint)packet.Payload.Length + ((packet.TcpFlags & 0x02) != 0 ? 1u : 0u);
            pongs += packet.Payload.AsSpan().SequenceEqual("\r\n"u8) ? 1 : 0;
        }

        Assert.True(next.Count > 20);
        Assert.Equal(counts.KeepAlivePongs, pongs);
        Assert.Equal(counts.KeepAlives, pongs);
    }

    [Fact]
    public void Default_fleet_messages_are_500_to_900_bytes_on_average()
    {
        (byte[] bytes, GenerationCounts counts) = Generate(new FleetSpec { Seed = 7, UserAgents = 200, Duration = TimeSpan.FromMinutes(20) });
        Tally tally = Tally.Of(bytes);
        double average = tally.MessageSizes.Average();
        Assert.InRange(average, 500, 900);
        Assert.InRange((double)counts.SipBytes / counts.SipMessages, 500, 900);
    }

    [Fact]
    public void A_message_target_stops_generation_after_the_exchange_that_reached_it()
    {
        GenerationCounts counts = Generate(new FleetSpec { Seed = 3, UserAgents = 50, TargetSipMessages = 2_000, Duration = TimeSpan.Zero }).Counts;
        // Only the exchange that crossed the target is finished: at most 11 more messages (an unanswered REGISTER's retransmissions).
        Assert.InRange(counts.SipMessages, 2_000, 2_000 + 11);
    }

    [Fact]
    public void A_byte_target_is_met_approximately()
    {
        (byte[] bytes, GenerationCounts counts) = Generate(new FleetSpec { Seed = 3, UserAgents = 50, TargetBytes = 1_000_000 });
        Assert.InRange(bytes.Length, 1_000_000, 1_000_000 + 20_000);
        Assert.Equal(bytes.Length, counts.CaptureBytes);
    }

    [Fact]
    public void Granted_below_requested_expects_the_reduced_rule()
    {
        GenerationCounts counts = Generate(new FleetSpec { Seed = 5, UserAgents = 20, RequestedExpires = 3600, GrantedExpires = 600, Duration = TimeSpan.FromMinutes(5) }).Counts;
        Assert.Contains(ExpectedRuleIds.GrantedExpiresReduced, counts.ExpectedRules);
    }

    [Fact]
    public void Counts_serialize_to_json_with_every_field()
    {
        GenerationCounts counts = Generate(s_small).Counts;
        using JsonDocument json = JsonDocument.Parse(counts.ToJson());
        JsonElement root = json.RootElement;
        Assert.Equal(42, root.GetProperty("seed").GetInt32());
        Assert.Equal(counts.Records, root.GetProperty("records").GetInt64());
        Assert.Equal(counts.SipMessages, root.GetProperty("sipMessages").GetInt64());
        Assert.Equal(counts.ResponsesByStatus[401], root.GetProperty("responsesByStatus").GetProperty("401").GetInt64());
        Assert.Equal(counts.ExpectedCaptureStatus, root.GetProperty("expectedCaptureStatus").GetString());
        Assert.Equal(counts.UserAgentStatus.Count, root.GetProperty("userAgentStatus").EnumerateObject().Count());
        Assert.Equal(counts.ExpectedRules.Count, root.GetProperty("expectedRules").GetArrayLength());
    }

    [Fact]
    public void Writing_to_a_path_puts_counts_json_beside_the_capture()
    {
        string directory = Directory.CreateTempSubdirectory("sipreg-gen").FullName;
        try
        {
            string capture = Path.Combine(directory, "fleet.pcapng");
            GenerationCounts counts = CaptureGenerator.WriteFleet(s_small with { Format = CaptureFileFormat.PcapNg }, capture);
            Assert.Equal(new FileInfo(capture).Length, counts.CaptureBytes);
            using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "counts.json")));
            Assert.Equal(counts.Records, json.RootElement.GetProperty("records").GetInt64());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(CaptureFileFormat.Pcap)]
    [InlineData(CaptureFileFormat.PcapNg)]
    public async Task The_projects_capture_reader_reads_every_record_back(CaptureFileFormat format)
    {
        (byte[] bytes, GenerationCounts counts) = Generate(s_small with { Format = format });
        List<(long Time, byte[] Frame)> expected = IndependentReader.ReadRecords(bytes);
        await using CaptureReader reader = CaptureReader.Create(new MemoryStream(bytes));
        int index = 0;
        while (await reader.ReadAsync())
        {
            while (reader.TryReadPacket(out CapturePacket packet))
            {
                Assert.Equal(expected[index].Time, packet.TimestampNanoseconds);
                Assert.True(packet.Data.SequenceEqual(expected[index].Frame));
                Assert.Equal(LinkType.Ethernet, packet.LinkType);
                index++;
            }
        }

        Assert.Equal(counts.Records, index);
        Assert.False(reader.IsDamaged);
    }

    [Fact]
    public void Invalid_specs_are_rejected()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => CaptureGenerator.WriteFleet(new FleetSpec { UserAgents = 0 }, stream));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaptureGenerator.WriteFleet(new FleetSpec { GrantedExpires = 7200, RequestedExpires = 3600 }, stream));
        Assert.Throws<ArgumentException>(() => CaptureGenerator.WriteFleet(new FleetSpec { AuthLoopFraction = 0.6, FailureFraction = 0.6 }, stream));
        Assert.Throws<ArgumentException>(() => CaptureGenerator.WriteFleet(new FleetSpec { KeepAliveFraction = 1.5 }, stream));
    }
}
