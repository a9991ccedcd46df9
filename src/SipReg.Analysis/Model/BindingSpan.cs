using System.Text.Json.Serialization;

namespace SipReg.Analysis.Model;

/// <summary>Why a binding span ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BindingEnd>))]
public enum BindingEnd
{
    /// <summary>Still bound at the end of the capture.</summary>
    [JsonStringEnumMemberName("active")]
    Active,

    /// <summary>Its lifetime ran out without a refresh.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,

    /// <summary>A de-registration (expires=0 or <c>Contact: *</c>) removed it.</summary>
    [JsonStringEnumMemberName("deregistered")]
    Deregistered,

    /// <summary>A later 200 OK for the AOR no longer listed it.</summary>
    [JsonStringEnumMemberName("removed")]
    Removed,
}

/// <summary>
/// A time span during which the registrar held one binding (AOR to Contact URI), as rebuilt from 200 OK answers
/// (RFC 3261 §10.3 step 8: a 200 OK lists every current binding of the AOR). Refreshes extend the span.
/// </summary>
public sealed class BindingSpan
{
    internal BindingSpan(string addressOfRecord, string contactUri, string contactKey)
    {
        AddressOfRecord = addressOfRecord;
        ContactUri = contactUri;
        ContactKey = contactKey;
    }

    /// <summary>The normalised address-of-record.</summary>
    public string AddressOfRecord { get; }

    /// <summary>The Contact URI as the registrar listed it.</summary>
    public string ContactUri { get; }

    /// <summary>The <c>+sip.instance</c> of the binding, or null.</summary>
    public string? InstanceId { get; internal set; }

    /// <summary>The <c>reg-id</c> of the binding, or null.</summary>
    public string? RegId { get; internal set; }

    /// <summary>The key of the flow whose REGISTER created the binding, or null when it was bound before the capture.</summary>
    public string? FlowKey { get; internal set; }

    /// <summary>Start of the span, ns since the Unix epoch.</summary>
    public long FromNs { get; internal set; }

    /// <summary>End of the span: removal time, or bound-until (last grant time plus lifetime) while it lasts.</summary>
    public long UntilNs { get; internal set; }

    /// <summary>The last lifetime granted, in seconds.</summary>
    public long ExpiresSeconds { get; internal set; }

    /// <summary>Frame of the 200 OK that created the span.</summary>
    public long FirstFrame { get; internal set; }

    /// <summary>Frame of the latest 200 OK that listed it (or removed it).</summary>
    public long LastFrame { get; internal set; }

    /// <summary>Why the span ended.</summary>
    public BindingEnd End { get; internal set; }

    /// <summary>Whether the binding was held at <paramref name="timeNs"/>.</summary>
    /// <param name="timeNs">A time in ns since the Unix epoch.</param>
    /// <returns>True when <see cref="FromNs"/> &lt;= time &lt; <see cref="UntilNs"/>.</returns>
    public bool IsBoundAt(long timeNs) => timeNs >= FromNs && timeNs < UntilNs;

    internal string ContactKey { get; }
}
