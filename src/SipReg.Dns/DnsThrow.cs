using System.Diagnostics.CodeAnalysis;

namespace SipReg.Dns;

/// <summary>Throw helpers, kept out of the callers so their hot paths stay small.</summary>
internal static class DnsThrow
{
    [DoesNotReturn]
    public static void InvalidOption(string name, int value) =>
        throw new DnsException(DnsExceptionReason.InvalidOption, $"Option {name} cannot be {value}.");

    [DoesNotReturn]
    public static void WrongRecordType(DnsRecordType expected, DnsRecordType actual) =>
        throw new DnsException(DnsExceptionReason.WrongRecordType, $"The record is {actual}, not {expected}.");

    [DoesNotReturn]
    public static void InvalidArgument(string name, string why) =>
        throw new DnsException(DnsExceptionReason.InvalidArgument, $"Argument {name}: {why}.");
}
