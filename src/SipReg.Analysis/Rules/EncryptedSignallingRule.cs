namespace SipReg.Analysis.Rules;

/// <summary><c>encrypted-signalling</c>: SIP over TLS on port 5061 was seen; its REGISTERs cannot be read (RFC 3261 §26.2).</summary>
internal sealed class EncryptedSignallingRule : IRegistrationRule
{
    public string Id => "encrypted-signalling";

    public FindingSeverity DefaultSeverity => FindingSeverity.Info;

    public void Evaluate(RuleContext context)
    {
        if (context.Model.TlsRecords == 0)
        {
            return;
        }

        context.Report(
            "Encrypted SIP (TLS on 5061): " + context.Model.TlsRecords + " record(s) cannot be analysed",
            "Part of the signalling is SIP over TLS; the REGISTERs inside cannot be read, so the diagnosis only covers the clear-text SIP.",
            "Capture with the TLS keys (SSLKEYLOGFILE) or temporarily switch the UA to UDP/TCP to diagnose; check the certificate if TLS setup fails.",
            null,
            context.Model.TlsFrames);
    }
}
