namespace SipReg.Dns;

/// <summary>
/// Pairs responses with queries. A transaction's key is the ID, the client's endpoint (address bytes and port, as the
/// caller gives them), the first question's type and its name (ASCII case-insensitive, RFC 4343). Tells response
/// times, retransmissions and, at the end, the queries never answered (a dead DNS server is why a phone never sends
/// its REGISTER).
/// </summary>
/// <remarks>
/// <para>Bounded: at most <see cref="MaxPendingQueries"/> queries wait for an answer; when full, the oldest is dropped
/// and counted in <see cref="EvictedCount"/>. Lookups scan the table, which stays cheap at the default size.</para>
/// <para>Question names are compared by a 64-bit hash; a collision between two pending queries with the same ID,
/// client and type is ignored as improbable.</para>
/// <para>After construction, tracking allocates nothing. Not thread-safe.</para>
/// </remarks>
public sealed class DnsTransactionTracker
{
    /// <summary>Default for <see cref="MaxPendingQueries"/>.</summary>
    public const int DefaultMaxPendingQueries = 1024;

    private readonly Entry[] _entries;
    private int _count;
    private long _sequence;

    /// <summary>Creates a tracker.</summary>
    /// <param name="maxPendingQueries">Most queries waiting for an answer (default 1024).</param>
    /// <exception cref="DnsException"><paramref name="maxPendingQueries"/> is less than 1.</exception>
    public DnsTransactionTracker(int maxPendingQueries = DefaultMaxPendingQueries)
    {
        if (maxPendingQueries < 1)
        {
            DnsThrow.InvalidArgument(nameof(maxPendingQueries), "must be at least 1");
        }

        _entries = new Entry[maxPendingQueries];
    }

    /// <summary>Most queries waiting for an answer.</summary>
    public int MaxPendingQueries => _entries.Length;

    /// <summary>Queries waiting for an answer now.</summary>
    public int PendingCount => _count;

    /// <summary>Pending queries dropped because the table was full.</summary>
    public long EvictedCount { get; private set; }

    /// <summary>Tracks one message: a query becomes pending, a response answers the pending query with its key.</summary>
    /// <param name="message">The message.</param>
    /// <param name="clientAddress">The client's address bytes (4 or 16): the source of a query, the destination of a response.</param>
    /// <param name="clientPort">The client's port, on the same rule.</param>
    /// <param name="timestamp">The message's time in any unit (e.g. ns since the epoch); response times use it.</param>
    /// <param name="frameNumber">The caller's number for the message (e.g. the 1-based frame number).</param>
    /// <returns>What the message was.</returns>
    /// <exception cref="DnsException"><paramref name="clientAddress"/> is longer than 16 bytes.</exception>
    public DnsTransactionMatch Track(scoped in DnsMessage message, ReadOnlySpan<byte> clientAddress, int clientPort, long timestamp, long frameNumber)
    {
        if (clientAddress.Length > DnsAddressBuffer.Capacity)
        {
            DnsThrow.InvalidArgument(nameof(clientAddress), "longer than 16 bytes");
        }

        if (!message.HasHeader)
        {
            return default;
        }

        var key = new Entry { Id = message.Header.Id, Port = clientPort, AddressLength = (byte)clientAddress.Length };
        clientAddress.CopyTo(key.Address);
        if (message.TryGetFirstQuestion(out var question))
        {
            key.QuestionType = question.Type;
            key.NameHash = HashName(question.Name);
        }

        int index = Find(key, clientAddress);
        if (message.Header.IsResponse)
        {
            if (index < 0)
            {
                return new DnsTransactionMatch(DnsTransactionKind.UnmatchedResponse, 0, 0, 0, 0);
            }

            var entry = _entries[index];
            _entries[index] = _entries[--_count];
            _entries[_count] = default;
            return new DnsTransactionMatch(
                DnsTransactionKind.Answered, entry.FrameNumber, entry.Timestamp, timestamp - entry.Timestamp, entry.Attempts);
        }

        if (index >= 0)
        {
            ref var pending = ref _entries[index];
            pending.Attempts++;
            return new DnsTransactionMatch(DnsTransactionKind.Retransmission, pending.FrameNumber, pending.Timestamp, 0, pending.Attempts);
        }

        if (_count == _entries.Length)
        {
            int oldest = Oldest();
            _entries[oldest] = _entries[--_count];
            EvictedCount++;
        }

        key.Timestamp = timestamp;
        key.FrameNumber = frameNumber;
        key.Attempts = 1;
        key.Sequence = _sequence++;
        _entries[_count++] = key;
        return new DnsTransactionMatch(DnsTransactionKind.Query, frameNumber, timestamp, 0, 1);
    }

    /// <summary>Removes and returns the oldest query still waiting for an answer (call at the end of the capture).</summary>
    /// <param name="query">The query, or <c>default</c>.</param>
    /// <returns><see langword="false"/> when none is left.</returns>
    public bool TryTakeUnanswered(out DnsPendingQuery query)
    {
        if (_count == 0)
        {
            query = default;
            return false;
        }

        int index = Oldest();
        var entry = _entries[index];
        _entries[index] = _entries[--_count];
        _entries[_count] = default;
        query = new DnsPendingQuery(entry.Id, entry.Port, entry.QuestionType, entry.FrameNumber, entry.Timestamp, entry.Attempts);
        return true;
    }

    private int Find(in Entry key, ReadOnlySpan<byte> address)
    {
        for (int i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            if (e.Id == key.Id && e.Port == key.Port && e.QuestionType == key.QuestionType && e.NameHash == key.NameHash
                && e.AddressLength == key.AddressLength && ((ReadOnlySpan<byte>)e.Address)[..e.AddressLength].SequenceEqual(address))
            {
                return i;
            }
        }

        return -1;
    }

    private int Oldest()
    {
        int oldest = 0;
        for (int i = 1; i < _count; i++)
        {
            if (_entries[i].Sequence < _entries[oldest].Sequence)
            {
                oldest = i;
            }
        }

        return oldest;
    }

    /// <summary>FNV-1a over the lower-cased labels, each preceded by its length (so "a.bc" differs from "ab.c").</summary>
    private static ulong HashName(DnsName name)
    {
        ulong hash = 14695981039346656037UL;
        var labels = name.EnumerateLabels();
        while (labels.MoveNext())
        {
            hash = (hash ^ (uint)labels.Current.Length) * 1099511628211UL;
            foreach (byte b in labels.Current)
            {
                hash = (hash ^ (uint)DnsAscii.ToLower(b)) * 1099511628211UL;
            }
        }

        return labels.Error == DnsDiagnosticReason.None ? hash : 0;
    }

    private struct Entry
    {
        public ushort Id;
        public int Port;
        public byte AddressLength;
        public DnsAddressBuffer Address;
        public DnsRecordType QuestionType;
        public ulong NameHash;
        public long Timestamp;
        public long FrameNumber;
        public int Attempts;
        public long Sequence;
    }
}
