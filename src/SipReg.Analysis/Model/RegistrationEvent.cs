namespace SipReg.Analysis.Model;

/// <summary>
/// One noteworthy step of a registration flow, recorded while the capture streams by; the rules read these.
/// See <see cref="RegistrationEventKind"/> for what <see cref="Value"/>, <see cref="Reference"/> and <see cref="Text"/> hold.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="TimeNs">When, ns since the Unix epoch.</param>
/// <param name="Frames">Evidence frame numbers.</param>
/// <param name="Value">A number whose meaning depends on <paramref name="Kind"/>.</param>
/// <param name="Reference">A second number whose meaning depends on <paramref name="Kind"/>.</param>
/// <param name="Text">A text whose meaning depends on <paramref name="Kind"/>.</param>
public sealed record RegistrationEvent(
    RegistrationEventKind Kind,
    long TimeNs,
    IReadOnlyList<long> Frames,
    long? Value = null,
    long? Reference = null,
    string? Text = null);
