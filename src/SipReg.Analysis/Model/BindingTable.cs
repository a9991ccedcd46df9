namespace SipReg.Analysis.Model;

/// <summary>
/// The registrar's binding table rebuilt over time from the 200 OK answers to REGISTER: for each address-of-record,
/// the Contacts bound and until when. Queryable at any instant of the capture.
/// </summary>
/// <remarks>
/// History is capped (<see cref="AnalysisOptions.MaxBindingHistory"/>); the oldest ended spans go first. While the
/// capture is read the history may run up to an eighth over the cap, so that trimming is done in batches (amortised
/// constant time per binding); it is exact once the analysis completes.
/// </remarks>
public sealed class BindingTable
{
    /// <summary>Up to this many Contacts per AOR and answer are matched by scanning; more are indexed.</summary>
    private const int ScanLimit = 16;

    private readonly Dictionary<string, List<BindingSpan>> _active = new(StringComparer.Ordinal);
    private readonly List<BindingSpan> _spans = [];
    private readonly int _maxHistory;
    private readonly int _trimAt;
    private readonly int _maxActivePerAor;
    private readonly UriKeyMemo _keys;

    internal BindingTable(int maxHistory, UriKeyMemo keys, int maxActivePerAor = int.MaxValue)
    {
        _maxHistory = Math.Max(1, maxHistory);
        _trimAt = _maxHistory + Math.Max(1, _maxHistory / 8);
        _maxActivePerAor = Math.Max(1, maxActivePerAor);
        _keys = keys;
    }

    /// <summary>Every span kept, in the order they started.</summary>
    public IReadOnlyList<BindingSpan> Spans => _spans;

    /// <summary>How many ended spans were dropped to respect the history cap.</summary>
    public int DroppedSpans { get; private set; }

    /// <summary>
    /// New bindings not tracked because their AOR already had <see cref="AnalysisOptions.MaxBindingsPerAor"/> active
    /// (a UA that registers a new Contact each time, answered without the binding list, would grow it without bound).
    /// </summary>
    public long UntrackedBindings { get; private set; }

    /// <summary>The bindings held at a given time, for every AOR.</summary>
    /// <param name="timeNs">Time in ns since the Unix epoch.</param>
    /// <returns>The spans covering that time.</returns>
    public IReadOnlyList<BindingSpan> BindingsAt(long timeNs) => BindingsAt(null, timeNs);

    /// <summary>The bindings of one address-of-record held at a given time ("what was bound at time T").</summary>
    /// <param name="addressOfRecord">The AOR (normalised or as written in a To header), or null for all.</param>
    /// <param name="timeNs">Time in ns since the Unix epoch.</param>
    /// <returns>The spans covering that time.</returns>
    public IReadOnlyList<BindingSpan> BindingsAt(string? addressOfRecord, long timeNs)
    {
        var aor = addressOfRecord is null ? null : SipUriText.NormalizeAddressOfRecord(addressOfRecord);
        var result = new List<BindingSpan>();
        foreach (var span in _spans)
        {
            if ((aor is null || span.AddressOfRecord == aor) && span.IsBoundAt(timeNs))
            {
                result.Add(span);
            }
        }

        return result;
    }

    internal IReadOnlyList<BindingSpan> ActiveSpans(string aor, long nowNs)
    {
        if (!_active.TryGetValue(aor, out var list))
        {
            return [];
        }

        ExpireOld(list, nowNs);
        return list;
    }

    /// <summary>
    /// Applies a 200 OK to REGISTER. <paramref name="listed"/> holds the Contacts and lifetimes the registrar returned;
    /// when <paramref name="authoritative"/> is true the list is the whole binding set of the AOR (RFC 3261 §10.3 step 8).
    /// </summary>
    internal void Apply(string aor, long nowNs, long frame, IReadOnlyList<(string Uri, long Expires, string? Instance, string? RegId, string? Owner)> listed, bool authoritative, bool removeAll)
    {
        if (!_active.TryGetValue(aor, out var list))
        {
            list = [];
            _active[aor] = list;
        }

        ExpireOld(list, nowNs);
        if (removeAll)
        {
            foreach (var span in list)
            {
                Close(span, nowNs, frame, BindingEnd.Deregistered);
            }

            list.Clear();
        }

        // A handful of Contacts per AOR is the rule: they are matched by scanning. An answer listing thousands is
        // indexed once, so it is still applied in linear time.
        var indexed = list.Count + listed.Count > ScanLimit;
        Dictionary<string, BindingSpan>? byKey = null;
        HashSet<string>? seen = null;
        if (indexed)
        {
            byKey = new Dictionary<string, BindingSpan>(list.Count, StringComparer.Ordinal);
            foreach (var span in list)
            {
                byKey.TryAdd(span.ContactKey, span);
            }

            seen = new HashSet<string>(StringComparer.Ordinal);
        }

        for (var li = 0; li < listed.Count; li++)
        {
            var (uri, expires, instance, regId, owner) = listed[li];
            var key = _keys.ContactKey(uri);
            seen?.Add(key);
            var existing = byKey is not null ? byKey.GetValueOrDefault(key) : Find(list, key);
            if (expires <= 0)
            {
                if (existing is not null)
                {
                    Close(existing, nowNs, frame, BindingEnd.Deregistered);
                    byKey?.Remove(key);
                    list.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                if (list.Count >= _maxActivePerAor)
                {
                    UntrackedBindings++;
                    continue;
                }

                existing = new BindingSpan(aor, uri, key) { FromNs = nowNs, FirstFrame = frame, FlowKey = owner };
                list.Add(existing);
                byKey?.Add(key, existing);
                _spans.Add(existing);
                if (_spans.Count >= _trimAt)
                {
                    TrimHistory();
                }
            }

            existing.UntilNs = nowNs + (expires * 1_000_000_000L);
            existing.ExpiresSeconds = expires;
            existing.LastFrame = frame;
            existing.InstanceId ??= instance;
            existing.RegId ??= regId;
        }

        if (authoritative)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var span = list[i];
                if (seen is not null ? !seen.Contains(span.ContactKey) : !IsListed(listed, span.ContactKey))
                {
                    Close(span, nowNs, frame, BindingEnd.Removed);
                    list.RemoveAt(i);
                }
            }
        }
    }

    private static BindingSpan? Find(List<BindingSpan> list, string key)
    {
        foreach (var span in list)
        {
            if (span.ContactKey == key)
            {
                return span;
            }
        }

        return null;
    }

    private bool IsListed(IReadOnlyList<(string Uri, long Expires, string? Instance, string? RegId, string? Owner)> listed, string key)
    {
        for (var li = 0; li < listed.Count; li++)
        {
            var entry = listed[li];
            if (_keys.ContactKey(entry.Uri) == key)
            {
                return true;
            }
        }

        return false;
    }

    internal void Complete(long endNs)
    {
        foreach (var list in _active.Values)
        {
            ExpireOld(list, endNs);
        }

        if (_spans.Count > _maxHistory)
        {
            TrimHistory();
        }
    }

    private static void Close(BindingSpan span, long nowNs, long frame, BindingEnd end)
    {
        span.UntilNs = Math.Min(span.UntilNs, nowNs);
        span.LastFrame = frame;
        span.End = end;
    }

    private static void ExpireOld(List<BindingSpan> list, long nowNs)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].UntilNs <= nowNs)
            {
                list[i].End = BindingEnd.Expired;
                list.RemoveAt(i);
            }
        }
    }

    /// <summary>Drops the oldest spans that have ended until the cap is met; active ones stay (bounded by live registrations).</summary>
    private void TrimHistory()
    {
        var excess = _spans.Count - _maxHistory;
        var write = 0;
        for (var read = 0; read < _spans.Count; read++)
        {
            var span = _spans[read];
            if (excess > 0 && !IsActive(span))
            {
                excess--;
                DroppedSpans++;
                continue;
            }

            _spans[write++] = span;
        }

        _spans.RemoveRange(write, _spans.Count - write);
    }

    private bool IsActive(BindingSpan span) =>
        span.End == BindingEnd.Active && _active.TryGetValue(span.AddressOfRecord, out var list) && list.Contains(span);
}
