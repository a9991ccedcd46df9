namespace SipReg.Analysis.Model;

/// <summary>The time between two successful registration cycles of a flow, and the keep-alives seen in between.</summary>
/// <param name="PreviousFrame">Frame of the REGISTER that started the previous cycle.</param>
/// <param name="Frame">Frame of the REGISTER that started this refresh.</param>
/// <param name="Seconds">Seconds between the two.</param>
/// <param name="KeepAlives">Keep-alives seen on the flow in between.</param>
/// <param name="GrantedSeconds">The lifetime the previous cycle was granted, or null.</param>
public sealed record RefreshInterval(long PreviousFrame, long Frame, double Seconds, int KeepAlives, long? GrantedSeconds);
