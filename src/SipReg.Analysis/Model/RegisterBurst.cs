namespace SipReg.Analysis.Model;

/// <summary>A window (default 1 s) in which REGISTERs from several distinct UAs started.</summary>
/// <param name="StartNs">Start of the window, ns since the Unix epoch.</param>
/// <param name="DistinctUserAgents">Distinct UAs (flows) that sent a new REGISTER in the window.</param>
/// <param name="Frames">Some of the REGISTER frames (capped).</param>
public sealed record RegisterBurst(long StartNs, int DistinctUserAgents, IReadOnlyList<long> Frames);
