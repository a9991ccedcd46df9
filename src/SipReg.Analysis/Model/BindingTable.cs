namespace SipReg.Analysis.Model;

/// <summary>
/// The registrar's binding table rebuilt over time from the 200 OK answers to REGISTER: for each address-of-record,
/// the Contacts bound and until when. Queryable at any instant of the capture.
/// </summary>
/// <remarks>History is capped (<see cref="AnalysisOptions.MaxBindingHistory"/>); the oldest ended spans go first.</remarks>
public sealed class BindingTable
{
    private readonly Dictionary<string, List<BindingSpan>> _active = new(StringComparer.Ordinal);
    private readonly List<BindingSpan> _spans = [];
    private readonly int _maxHistory;

    internal BindingTable(int maxHistory) => _maxHistory = Math.Max(1, maxHistory);

    /// <summary>Every span kept, in the order they started.</summary>
    public IReadOnlyList<BindingSpan> Spans => _spans;

    /// <summary>How many ended spans were dropped to respect the history cap.</summary>
    public int DroppedSpans { get; private set; }

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

        // Indexed once per answer, so an answer listing thousands of Contacts is applied in linear time.
        var byKey = new Dictionary<string, BindingSpan>(list.Count, StringComparer.Ordinal);
        foreach (var span in list)
        {
            byKey.TryAdd(span.ContactKey, span);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var removed = false;
        foreach (var (uri, expires, instance, regId, owner) in listed)
        {
            var key = SipUriText.ContactKey(uri);
            seen.Add(key);
            var existing = byKey.GetValueOrDefault(key);
            if (expires <= 0)
            {
                if (existing is not null)
                {
                    Close(existing, nowNs, frame, BindingEnd.Deregistered);
                    byKey.Remove(key);
                    removed = true;
                }

                continue;
            }

            if (existing is null)
            {
                existing = new BindingSpan(aor, uri, key) { FromNs = nowNs, FirstFrame = frame, FlowKey = owner };
                list.Add(existing);
                byKey.Add(key, existing);
                _spans.Add(existing);
                TrimHistory();
            }

            existing.UntilNs = nowNs + (expires * 1_000_000_000L);
            existing.ExpiresSeconds = expires;
            existing.LastFrame = frame;
            existing.InstanceId ??= instance;
            existing.RegId ??= regId;
        }

        if (removed)
        {
            list.RemoveAll(span => !byKey.ContainsKey(span.ContactKey));
        }

        if (authoritative)
        {
            foreach (var span in list)
            {
                if (!seen.Contains(span.ContactKey))
                {
                    Close(span, nowNs, frame, BindingEnd.Removed);
                }
            }

            list.RemoveAll(span => !seen.Contains(span.ContactKey));
        }
    }

    internal void Complete(long endNs)
    {
        foreach (var list in _active.Values)
        {
            ExpireOld(list, endNs);
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

    private void TrimHistory()
    {
        if (_spans.Count <= _maxHistory)
        {
            return;
        }

        // Drop the oldest spans that have ended; active ones stay (bounded by live registrations).
        for (var i = 0; i < _spans.Count && _spans.Count > _maxHistory; i++)
        {
            if (_spans[i].End != BindingEnd.Active || !_active.TryGetValue(_spans[i].AddressOfRecord, out var l) || !l.Contains(_spans[i]))
            {
                _spans.RemoveAt(i);
                DroppedSpans++;
                i--;
            }
        }
    }
}
