namespace SipReg.Generator;

/// <summary>The analyzer's registration statuses, as the generators name them in their expectations.</summary>
public static class ExpectedStatuses
{
    /// <summary>A REGISTER was accepted without a challenge in the capture.</summary>
    public const string Registered = "registered";

    /// <summary>A REGISTER was challenged (401/407), then accepted.</summary>
    public const string ChallengeThenRegistered = "challenge-then-registered";

    /// <summary>Requests with credentials keep being challenged.</summary>
    public const string AuthLoop = "auth-loop";

    /// <summary>The registration ended in a final failure response.</summary>
    public const string Failed = "failed";

    /// <summary>REGISTERs got no response (or only ICMP errors).</summary>
    public const string NoResponse = "no-response";

    /// <summary>The bindings were removed (<c>Expires: 0</c> or <c>Contact: *</c>) and accepted.</summary>
    public const string Deregistered = "deregistered";

    /// <summary>A REGISTER was sent but the capture ended before its outcome could be known.</summary>
    public const string Incomplete = "incomplete";

    /// <summary>No REGISTER in the capture.</summary>
    public const string NoRegister = "no-register";
}
