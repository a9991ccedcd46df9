namespace SipReg.Analysis.Model;

/// <summary>One response seen for a transaction.</summary>
/// <param name="FrameNumber">1-based frame number of the response.</param>
/// <param name="StatusCode">Its status code.</param>
/// <param name="TimeNs">Its time in nanoseconds since the Unix epoch.</param>
public sealed record SipResponseRecord(long FrameNumber, int StatusCode, long TimeNs);
