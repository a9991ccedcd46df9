namespace SipReg.Dns;

/// <summary>
/// What one validating pass over a message found: where each section starts, how many of its entries could be read,
/// the OPT record and the diagnostics. Enumerators walk only the entries counted here, so they need no checks.
/// </summary>
internal struct DnsMessageLayout
{
    public DnsHeader Header;
    public bool HasHeader;
    public int AnswerOffset;
    public int AuthorityOffset;
    public int AdditionalOffset;
    public int QuestionsRead;
    public int AnswersRead;
    public int AuthoritiesRead;
    public int AdditionalsRead;
    public int OptOffset;
    public int End;
    public int DiagnosticCount;
    public bool Malformed;
    public DnsDiagnosticBuffer Diagnostics;

    public void Add(int offset, DnsSection section, DnsDiagnosticReason reason)
    {
        var diagnostic = new DnsDiagnostic(offset, section, reason);
        if (DiagnosticCount < DnsDiagnosticBuffer.Capacity)
        {
            Diagnostics[DiagnosticCount] = diagnostic;
        }

        DiagnosticCount++;
        Malformed |= diagnostic.IsMalformed;
    }
}
