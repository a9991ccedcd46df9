using System.Text.Json.Serialization;

namespace SipReg.Analysis.Rules;

/// <summary>How serious a finding is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingSeverity>))]
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing is broken (<c>info</c>).</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Works now but will cause trouble (<c>warning</c>).</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Explains why the endpoint is not registered (<c>error</c>).</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
