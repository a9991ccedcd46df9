namespace SipReg.Sip;

/// <summary>The Digest <c>algorithm</c> parameter (RFC 2617 §3.2.1, RFC 7616 §3.3, §6.1).</summary>
public enum SipDigestAlgorithm
{
    /// <summary>No algorithm parameter; RFC 7616 §3.3 says MD5 is then assumed.</summary>
    Unspecified = 0,

    /// <summary><c>MD5</c>.</summary>
    Md5,

    /// <summary><c>MD5-sess</c>.</summary>
    Md5Sess,

    /// <summary><c>SHA-256</c> (RFC 7616).</summary>
    Sha256,

    /// <summary><c>SHA-256-sess</c> (RFC 7616).</summary>
    Sha256Sess,

    /// <summary><c>SHA-512-256</c> (SHA-512/256, RFC 7616).</summary>
    Sha512256,

    /// <summary><c>SHA-512-256-sess</c> (RFC 7616).</summary>
    Sha512256Sess,

    /// <summary>Any other value (kept as text in the reader's <c>Algorithm</c>).</summary>
    Other,
}

/// <summary>Reads <see cref="SipDigestAlgorithm"/> values.</summary>
public static class SipDigestAlgorithms
{
    /// <summary>Identifies an algorithm name, ignoring case (RFC 7616 §3.3 token names; quotes are tolerated).</summary>
    /// <param name="value">The parameter value; empty means unspecified.</param>
    /// <returns>The algorithm.</returns>
    public static SipDigestAlgorithm Parse(ReadOnlySpan<byte> value)
    {
        value = SipSyntax.Unquote(value);
        if (value.IsEmpty)
        {
            return SipDigestAlgorithm.Unspecified;
        }

        if (SipSyntax.EqualsIgnoreCase(value, "MD5"u8))
        {
            return SipDigestAlgorithm.Md5;
        }

        if (SipSyntax.EqualsIgnoreCase(value, "MD5-sess"u8))
        {
            return SipDigestAlgorithm.Md5Sess;
        }

        if (SipSyntax.EqualsIgnoreCase(value, "SHA-256"u8))
        {
            return SipDigestAlgorithm.Sha256;
        }

        if (SipSyntax.EqualsIgnoreCase(value, "SHA-256-sess"u8))
        {
            return SipDigestAlgorithm.Sha256Sess;
        }

        if (SipSyntax.EqualsIgnoreCase(value, "SHA-512-256"u8))
        {
            return SipDigestAlgorithm.Sha512256;
        }

        return SipSyntax.EqualsIgnoreCase(value, "SHA-512-256-sess"u8) ? SipDigestAlgorithm.Sha512256Sess : SipDigestAlgorithm.Other;
    }
}
