namespace SipReg.Analysis.Redaction;

/// <summary>How <see cref="CaptureRedactor"/> masks a capture.</summary>
public sealed record RedactionOptions
{
    /// <summary>
    /// The HMAC-SHA256 key that drives every replacement; null (the default) for a random key per run. Give the same
    /// key to get the same replacements again (reproducible output, or several captures of one customer that must
    /// still line up with each other). Keep it secret: whoever has it can test guesses of the original values.
    /// </summary>
    public byte[]? Key { get; init; }

    /// <summary>True to leave IP addresses as they are (headers, SIP/SDP text, DNS answers). Default false.</summary>
    public bool KeepAddresses { get; init; }
}
