namespace SipReg.Sip;

/// <summary>A view of Retry-After (RFC 3261 §20.33): <c>delta-seconds [ comment ] *( SEMI retry-param )</c>.</summary>
public readonly ref struct SipRetryAfter
{
    private SipRetryAfter(uint seconds, ReadOnlySpan<byte> comment, ReadOnlySpan<byte> parameters)
    {
        DeltaSeconds = seconds;
        Comment = comment;
        Parameters = parameters;
    }

    /// <summary>The delay in seconds (clamped to 2^32-1).</summary>
    public uint DeltaSeconds { get; }

    /// <summary>The comment without its parentheses, or empty.</summary>
    public ReadOnlySpan<byte> Comment { get; }

    /// <summary>The retry-params without the leading <c>;</c>.</summary>
    public ReadOnlySpan<byte> Parameters { get; }

    /// <summary>The <c>duration</c> parameter: how long the callee will be reachable.</summary>
    /// <param name="seconds">The delta-seconds.</param>
    /// <returns>False if absent or invalid.</returns>
    public bool TryGetDuration(out uint seconds)
    {
        if (SipParameterEnumerator.TryFind(Parameters, (byte)';', "duration"u8, out var p))
        {
            return SipSyntax.TryParseDeltaSeconds(p.Value, out seconds);
        }

        seconds = 0;
        return false;
    }

    /// <summary>Reads a Retry-After value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="retryAfter">The view.</param>
    /// <returns>False if malformed.</returns>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipRetryAfter retryAfter)
    {
        retryAfter = default;
        var s = SipSyntax.Trim(value);
        var d = s.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        var digits = d < 0 ? s : s[..d];
        if (!SipSyntax.TryParseDeltaSeconds(digits, out var seconds))
        {
            return false;
        }

        var rest = SipSyntax.TrimStart(s[digits.Length..]);
        ReadOnlySpan<byte> comment = default;
        if (!rest.IsEmpty && rest[0] == '(')
        {
            // RFC 3261 §25.1: comment = LPAREN *(ctext / quoted-pair / comment) RPAREN (comments nest).
            var depth = 0;
            var i = 0;
            for (; i < rest.Length; i++)
            {
                if (rest[i] == '\\')
                {
                    i++;
                }
                else if (rest[i] == '(')
                {
                    depth++;
                }
                else if (rest[i] == ')' && --depth == 0)
                {
                    break;
                }
            }

            if (depth != 0 || i >= rest.Length)
            {
                return false;
            }

            comment = rest[1..i];
            rest = SipSyntax.TrimStart(rest[(i + 1)..]);
        }

        ReadOnlySpan<byte> parameters = default;
        if (!rest.IsEmpty)
        {
            if (rest[0] != ';')
            {
                return false;
            }

            parameters = rest[1..];
        }

        retryAfter = new SipRetryAfter(seconds, comment, parameters);
        return true;
    }
}
