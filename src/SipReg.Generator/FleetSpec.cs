namespace SipReg.Generator;

/// <summary>
/// What <see cref="CaptureGenerator.WriteFleet(FleetSpec, Stream)"/> generates: a population of user agents
/// registering against one registrar, with a mix of behaviours chosen by <see cref="Seed"/>.
/// </summary>
/// <remarks>
/// The fractions are of the user agents and are drawn independently per UA, so the real mix varies a little around
/// them; <see cref="GenerationCounts.UserAgentStatus"/> says what each UA did. The behaviours are exclusive in this
/// order: auth loop, failure, no response, 423, de-registration, already registered, healthy.
/// </remarks>
public sealed record FleetSpec
{
    /// <summary>Seed of every random choice: the same spec gives the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of user agents (1 to 1,000,000).</summary>
    public int UserAgents { get; init; } = 100;

    /// <summary>How long the capture runs; ignored when <see cref="TargetSipMessages"/> or <see cref="TargetBytes"/> is set.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The container to write.</summary>
    public CaptureFileFormat Format { get; init; } = CaptureFileFormat.Pcap;

    /// <summary>When above 0, generation stops once this many SIP messages were written (the last exchange is finished, so a few more may be).</summary>
    public long TargetSipMessages { get; init; }

    /// <summary>When above 0, generation stops once about this many bytes were written (the last exchange is finished).</summary>
    public long TargetBytes { get; init; }

    /// <summary>Capture start, nanoseconds since the Unix epoch (default 2026-11-21T05:00:00Z).</summary>
    public long StartNanoseconds { get; init; } = 1_795_237_200_000_000_000;

    /// <summary>UAs start at random times within this span from the capture start.</summary>
    public TimeSpan StartSpread { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The lifetime UAs ask for (seconds, at least 60).</summary>
    public int RequestedExpires { get; init; } = 600;

    /// <summary>The lifetime the registrar grants (seconds, 60 to <see cref="RequestedExpires"/>); UAs refresh after 0.5-0.9 of it.</summary>
    public int GrantedExpires { get; init; } = 600;

    /// <summary>Fraction of UAs whose credentials are rejected with 401 again and again.</summary>
    public double AuthLoopFraction { get; init; } = 0.02;

    /// <summary>Fraction of UAs that end in a final failure (403, 404 or 503 with Retry-After), retried every few minutes.</summary>
    public double FailureFraction { get; init; } = 0.02;

    /// <summary>Fraction of UAs whose REGISTERs are never answered (retransmitted until timer F, retried later).</summary>
    public double NoResponseFraction { get; init; } = 0.02;

    /// <summary>Fraction of UAs that first ask for 30 s, get 423 Min-Expires: 60, and ask again properly.</summary>
    public double MinExpiresFraction { get; init; } = 0.05;

    /// <summary>Fraction of UAs that de-register (Contact: *, Expires: 0) instead of their first refresh.</summary>
    public double DeregisterFraction { get; init; } = 0.02;

    /// <summary>Fraction of UAs already registered when the capture starts (their first REGISTER carries credentials).</summary>
    public double PreRegisteredFraction { get; init; } = 0.1;

    /// <summary>Fraction of UAs that resolve the registrar (SRV <c>_sip._udp</c>, then A) before registering.</summary>
    public double DnsLookupFraction { get; init; } = 0.25;

    /// <summary>Fraction of the resolving UAs whose first SRV lookup fails (SERVFAIL or NXDOMAIN) and is retried.</summary>
    public double DnsFailureFraction { get; init; } = 0.2;

    /// <summary>Fraction of registered UAs that are behind NAT (private Contact, received/rport) and send CRLF keep-alives.</summary>
    public double KeepAliveFraction { get; init; } = 0.3;

    /// <summary>Fraction of registering UAs that signal over TCP (one connection each; keep-alives are CRLF pings and pongs).</summary>
    public double TcpFraction { get; init; } = 0.1;

    /// <summary>Interval of the CRLF keep-alives.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(25);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(UserAgents, 1, nameof(UserAgents));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UserAgents, 1_000_000, nameof(UserAgents));
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestedExpires, 60, nameof(RequestedExpires));
        ArgumentOutOfRangeException.ThrowIfLessThan(GrantedExpires, 60, nameof(GrantedExpires));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(GrantedExpires, RequestedExpires, nameof(GrantedExpires));
        ArgumentOutOfRangeException.ThrowIfNegative(TargetSipMessages, nameof(TargetSipMessages));
        ArgumentOutOfRangeException.ThrowIfNegative(TargetBytes, nameof(TargetBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(StartNanoseconds, nameof(StartNanoseconds));
        if (Duration <= TimeSpan.Zero && TargetSipMessages == 0 && TargetBytes == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "Duration must be positive when no target is set.");
        }

        if (KeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(KeepAliveInterval), KeepAliveInterval, "At least one second.");
        }

        foreach (double fraction in (double[])[AuthLoopFraction, FailureFraction, NoResponseFraction, MinExpiresFraction, DeregisterFraction,
            PreRegisteredFraction, DnsLookupFraction, DnsFailureFraction, KeepAliveFraction, TcpFraction])
        {
            if (fraction is < 0 or > 1 || double.IsNaN(fraction))
            {
                throw new ArgumentException("Fractions are between 0 and 1; got " + fraction.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
            }
        }

        if (AuthLoopFraction + FailureFraction + NoResponseFraction + MinExpiresFraction + DeregisterFraction + PreRegisteredFraction > 1)
        {
            throw new ArgumentException("The behaviour fractions add up to more than 1.");
        }
    }
}
