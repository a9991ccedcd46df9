using System.Text.Json.Serialization;

namespace SipReg.Analysis.Model;

/// <summary>
/// The outcome of a registration flow, or of a whole capture. The JSON names are contracts read by other tools.
/// </summary>
/// <remarks>
/// A capture's status is the most telling of its flows' statuses, in declaration order from <see cref="AuthLoop"/>
/// (most telling) to <see cref="Registered"/>; <see cref="NoRegister"/> is only ever a capture status.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<RegistrationStatus>))]
public enum RegistrationStatus
{
    /// <summary>Credentialed REGISTERs were challenged again and again with no 200 OK in between (<c>auth-loop</c>).</summary>
    [JsonStringEnumMemberName("auth-loop")]
    AuthLoop,

    /// <summary>The last REGISTER got a final failure (4xx/5xx/6xx, including 423 and a rejected credential) (<c>failed</c>).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The last REGISTER was never answered (timeout, retransmissions or ICMP unreachable) (<c>no-response</c>).</summary>
    [JsonStringEnumMemberName("no-response")]
    NoResponse,

    /// <summary>The capture ends in the middle of a registration transaction or procedure (<c>incomplete</c>).</summary>
    [JsonStringEnumMemberName("incomplete")]
    Incomplete,

    /// <summary>The last successful REGISTER removed the bindings (<c>deregistered</c>).</summary>
    [JsonStringEnumMemberName("deregistered")]
    Deregistered,

    /// <summary>Registered after at least one 401/407 challenge (<c>challenge-then-registered</c>).</summary>
    [JsonStringEnumMemberName("challenge-then-registered")]
    ChallengeThenRegistered,

    /// <summary>Registered without any challenge (<c>registered</c>).</summary>
    [JsonStringEnumMemberName("registered")]
    Registered,

    /// <summary>The capture holds no REGISTER at all (<c>no-register</c>); a capture status only.</summary>
    [JsonStringEnumMemberName("no-register")]
    NoRegister,
}

/// <summary>Contract names of <see cref="RegistrationStatus"/>.</summary>
public static class RegistrationStatusNames
{
    /// <summary>The contract name of a status, e.g. <c>challenge-then-registered</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name used in reports and JSON.</returns>
    public static string ToContractName(this RegistrationStatus status) => status switch
    {
        RegistrationStatus.AuthLoop => "auth-loop",
        RegistrationStatus.Failed => "failed",
        RegistrationStatus.NoResponse => "no-response",
        RegistrationStatus.Incomplete => "incomplete",
        RegistrationStatus.Deregistered => "deregistered",
        RegistrationStatus.ChallengeThenRegistered => "challenge-then-registered",
        RegistrationStatus.Registered => "registered",
        _ => "no-register",
    };
}
