namespace SipReg.Analysis.Facts;

/// <summary>A TLS record on port 5061 (SIPS): signalling the analyzer cannot read (RFC 3261 §26.2).</summary>
public sealed record TlsSignallingFact : CaptureFact;
