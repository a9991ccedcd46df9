using SipReg.Analysis.Model;

namespace SipReg.Analysis.Tests;

public sealed class StatusTests
{
    /// <summary>Builds one flow that ends in the given status, on its own AOR and UA.</summary>
    internal static Scenario FlowEndingIn(RegistrationStatus status, int index)
    {
        var s = new Scenario("sip:user" + index + "@example.com", ua: "192.0.2." + (index + 1) + ":5060", frameBase: index * 100);
        switch (status)
        {
            case RegistrationStatus.AuthLoop:
                s.Register().Challenge().Register(auth: true).Challenge().Register(auth: true).Challenge().Register(auth: true).Challenge();
                break;
            case RegistrationStatus.Failed:
                s.Register().Fail(403, "Forbidden");
                break;
            case RegistrationStatus.NoResponse:
                s.Register().Icmp().At(0.5).Retransmit().Icmp();
                break;
            case RegistrationStatus.Incomplete:
                s.Register().Ok().At(1).Register();
                break;
            case RegistrationStatus.Deregistered:
                s.Register().Ok().At(1).Register(expires: 0, star: true).Ok();
                break;
            case RegistrationStatus.ChallengeThenRegistered:
                s.Register().Challenge().Register(auth: true).Ok();
                break;
            default:
                s.Register().Ok();
                break;
        }

        return s;
    }

    public static TheoryData<RegistrationStatus, RegistrationStatus> Pairs()
    {
        var data = new TheoryData<RegistrationStatus, RegistrationStatus>();
        var all = Enum.GetValues<RegistrationStatus>().Where(s => s != RegistrationStatus.NoRegister).ToArray();
        foreach (var a in all)
        {
            foreach (var b in all)
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_capture_status_is_the_most_telling_flow_status(RegistrationStatus a, RegistrationStatus b)
    {
        var report = Scenario.Analyze([.. FlowEndingIn(a, 0).Facts, .. FlowEndingIn(b, 1).Facts]);

        Assert.Equal(a, report.Flows[0].Status);
        Assert.Equal(b, report.Flows[1].Status);

        // auth-loop, failed, no-response, incomplete, deregistered, challenge-then-registered, registered.
        string[] order = ["auth-loop", "failed", "no-response", "incomplete", "deregistered", "challenge-then-registered", "registered"];
        var expected = order[Math.Min(Array.IndexOf(order, a.ToContractName()), Array.IndexOf(order, b.ToContractName()))];
        Assert.Equal(expected, report.StatusName);
    }

    [Fact]
    public void A_capture_without_register_is_no_register()
    {
        var report = new Scenario().Request("OPTIONS").Analyze();
        Assert.Equal(RegistrationStatus.NoRegister, report.Status);
        Assert.Empty(report.Flows);
    }

    [Fact]
    public void A_response_whose_request_was_not_captured_still_makes_a_flow()
    {
        var s = new Scenario().Register().Ok();
        var report = Scenario.Analyze(s.Facts.Skip(1));
        var flow = Assert.Single(report.Flows);

        Assert.Equal(RegistrationStatus.Registered, flow.Status);
        Assert.Equal("198.51.100.1:5060", flow.Registrar);
        Assert.Equal(0, report.Model.RegisterRequests);
    }
}
