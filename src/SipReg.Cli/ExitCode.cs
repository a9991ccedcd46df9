namespace SipReg.Cli;

/// <summary>The process exit codes of <c>sipreg</c>: a contract for scripts and CI.</summary>
internal static class ExitCode
{
    /// <summary>Nothing needs review.</summary>
    public const int Ok = 0;

    /// <summary>A finding at or above the <c>--fail-on</c> severity is present.</summary>
    public const int FindingsNeedReview = 1;

    /// <summary>A usage error, or input that cannot be read as a capture.</summary>
    public const int UsageOrUnreadableInput = 2;
}
