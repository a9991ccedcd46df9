namespace SipReg.Analysis.Model;

/// <summary>The read-only model the rules see: flows, transactions, bindings, keep-alives and DNS clues.</summary>
public sealed class RegistrationModel
{
    internal RegistrationModel(int maxBindingHistory, UriKeyMemo keys, int maxBindingsPerAor = int.MaxValue) =>
        Bindings = new BindingTable(maxBindingHistory, keys, maxBindingsPerAor);

    /// <summary>The capture's status (set when the analysis completes).</summary>
    public RegistrationStatus Status { get; internal set; } = RegistrationStatus.NoRegister;

    /// <summary>Every registration flow, in the order they started.</summary>
    public IReadOnlyList<RegistrationFlow> Flows => FlowList;

    /// <summary>The registrar's binding table over time.</summary>
    public BindingTable Bindings { get; }

    /// <summary>SIP-related DNS queries and their outcomes (capped).</summary>
    public IReadOnlyList<DnsClue> DnsClues => DnsClueList;

    /// <summary>Windows in which REGISTERs from several distinct UAs started (capped).</summary>
    public IReadOnlyList<RegisterBurst> RegisterBursts => BurstList;

    /// <summary>REGISTER requests seen (first transmissions; retransmissions not counted).</summary>
    public int RegisterRequests { get; internal set; }

    /// <summary>SIP messages seen.</summary>
    public long SipMessages { get; internal set; }

    /// <summary>DNS messages seen (SIP-related or not).</summary>
    public long DnsMessages { get; internal set; }

    /// <summary>Keep-alives seen.</summary>
    public long KeepAlives { get; internal set; }

    /// <summary>Keep-alives that matched no registration flow.</summary>
    public long UnmatchedKeepAlives { get; internal set; }

    /// <summary>ICMP unreachable messages seen.</summary>
    public long IcmpUnreachables { get; internal set; }

    /// <summary>TLS records on port 5061 seen (encrypted signalling).</summary>
    public long TlsRecords { get; internal set; }

    /// <summary>Frames of TLS records on port 5061 (capped).</summary>
    public IReadOnlyList<long> TlsFrames => TlsFrameList;

    /// <summary>REGISTER requests not tracked because <see cref="AnalysisOptions.MaxFlows"/> was reached (they would have started or joined an untracked flow).</summary>
    public int UntrackedRegisterRequests { get; internal set; }

    /// <summary>Transactions retired before their time because <see cref="AnalysisOptions.MaxActiveTransactions"/> was reached.</summary>
    public long TransactionsRetiredEarly { get; internal set; }

    /// <summary>DNS clues not kept because <see cref="AnalysisOptions.MaxDnsClues"/> was reached.</summary>
    public int DroppedDnsClues { get; internal set; }

    /// <summary>Time of the first fact with a time, ns since the Unix epoch (0 when none).</summary>
    public long FirstTimeNs { get; internal set; }

    /// <summary>Time of the latest fact with a time, ns since the Unix epoch (0 when none).</summary>
    public long LastTimeNs { get; internal set; }

    /// <summary>The flows of one address-of-record.</summary>
    /// <param name="addressOfRecord">The AOR as written in a To header or normalised.</param>
    /// <returns>Those flows.</returns>
    public IEnumerable<RegistrationFlow> FlowsOf(string addressOfRecord)
    {
        var aor = SipUriText.NormalizeAddressOfRecord(addressOfRecord);
        foreach (var f in FlowList)
        {
            if (f.AddressOfRecord == aor)
            {
                yield return f;
            }
        }
    }

    internal List<RegistrationFlow> FlowList { get; } = [];

    internal List<DnsClue> DnsClueList { get; } = [];

    internal List<RegisterBurst> BurstList { get; } = [];

    internal List<long> TlsFrameList { get; } = [];
}
