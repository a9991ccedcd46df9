using System.Globalization;
using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>The built-in rules and small helpers they share.</summary>
internal static class BuiltInRules
{
    public static IEnumerable<IRegistrationRule> All() =>
    [
        new AuthLoopRule(),
        new FinalFailureRule(),
        new NoResponseRule(),
        new MinExpiresNotHonouredRule(),
        new AuthRealmMismatchRule(),
        new AuthStaleNonceRule(),
        new BindingLapsedRule(),
        new GrantedExpiresReducedRule(),
        new OutboundIncompleteRule(),
        new ServiceRouteIgnoredRule(),
        new GhostBindingsRule(),
        new RefreshStormRule(),
        new RegisterAsKeepAliveRule(),
        new NoKeepAliveBehindNatRule(),
        new RechallengeEveryRefreshRule(),
        new NoRegisterDnsFailureRule(),
        new NoRegisterNoDnsRule(),
        new DnsFailureRule(),
        new EncryptedSignallingRule(),
        new ChallengeThenRegisteredRule(),
        new MinExpiresHonouredRule(),
        new DeregistrationRule(),
    ];

    public static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    public static IEnumerable<long> FramesOf(IEnumerable<RegistrationEvent> events)
    {
        foreach (var e in events)
        {
            foreach (var f in e.Frames)
            {
                yield return f;
            }
        }
    }

    public static RegistrationEvent? First(RegistrationFlow flow, RegistrationEventKind kind)
    {
        foreach (var e in flow.EventsOf(kind))
        {
            return e;
        }

        return null;
    }
}
