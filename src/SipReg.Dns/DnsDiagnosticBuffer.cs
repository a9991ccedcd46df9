using System.Runtime.CompilerServices;

namespace SipReg.Dns;

/// <summary>The first few diagnostics of a message, stored inline so that reading a message never allocates.</summary>
[InlineArray(Capacity)]
internal struct DnsDiagnosticBuffer
{
    /// <summary>How many diagnostics a message keeps; later ones are only counted.</summary>
    public const int Capacity = 4;

    private DnsDiagnostic _element0;
}
