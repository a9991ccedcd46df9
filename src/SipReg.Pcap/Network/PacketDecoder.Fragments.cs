using System.Text;

namespace SipReg.Pcap;

// IP fragment reassembly: IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5).
public sealed partial class PacketDecoder
{
    // Recently reassembled datagrams: a late retransmitted fragment of one is a duplicate, not the start of a new set.
    private const int RecentlyCompletedCount = 32;

    private readonly Dictionary<FragmentKey, FragmentSet> _fragmentSets = [];
    private readonly (FragmentKey Key, int TotalLength, long Timestamp)[] _recentlyCompleted = new (FragmentKey, int, long)[RecentlyCompletedCount];
    private int _recentlyCompletedNext;
    private long _nextFragmentSweep;

    private void AddFragment(FragmentKey key, byte protocol, int offset, bool more, ReadOnlySpan<byte> bytes, int depth)
    {
        var end = offset + bytes.Length;
        if (more && bytes.IsEmpty)
        {
            CountMalformed(1, $"empty non-final fragment of {Describe(key)}");
            return;
        }

        if (!_fragmentSets.TryGetValue(key, out var set))
        {
            if (WasRecentlyCompleted(key, end, more))
            {
                CountDuplicate(1);
                return;
            }

            if (_fragmentSets.Count >= _options.MaxFragmentSets)
            {
                Counters.Capped++;
                AddDiagnostic(PacketDiagnosticKind.Capped,
                    $"{_options.MaxFragmentSets} datagrams already in reassembly (MaxFragmentSets): fragment of {Describe(key)} dropped");
                return;
            }

            set = new FragmentSet(key, _now);
            if (!key.Source.IsIPv6)
            {
                set.Protocol = key.Protocol;
            }

            _fragmentSets.Add(key, set);
        }

        set.LastFrameNumber = _frameNumber;
        if (end > _options.MaxDatagramSize)
        {
            Counters.Capped++;
            DropFragmentSet(set, $"a fragment of {Describe(key)} reaches byte {end}, beyond MaxDatagramSize {_options.MaxDatagramSize}");
            return;
        }

        if (set.Records >= _options.MaxFragmentsPerDatagram)
        {
            Counters.Capped++;
            DropFragmentSet(set, $"{Describe(key)} has more than {_options.MaxFragmentsPerDatagram} fragments (MaxFragmentsPerDatagram)");
            return;
        }

        var addsInformation = false;
        if (!more)
        {
            if (set.TotalLength < 0)
            {
                set.TotalLength = end;
                addsInformation = true;
                ClipRanges(set);
            }
            else if (set.TotalLength != end)
            {
                HoldRecord(set);
                AddDiagnostic(PacketDiagnosticKind.OverlappingFragments,
                    $"overlapping fragments with conflicting data in {Describe(key)}: last fragments end at {set.TotalLength} and {end}; the first is kept");
                return;
            }
        }

        if (set.TotalLength >= 0 && end > set.TotalLength)
        {
            AddDiagnostic(PacketDiagnosticKind.OverlappingFragments,
                $"overlapping fragments with conflicting data in {Describe(key)}: a fragment reaches byte {end}, past the end {set.TotalLength}");
            if (offset >= set.TotalLength)
            {
                HoldRecord(set);
                return;
            }

            bytes = bytes[..(set.TotalLength - offset)];
            end = set.TotalLength;
        }

        if (offset == 0 && set.Protocol == 255)
        {
            set.Protocol = protocol;
            addsInformation = true;
        }

        set.EnsureCapacity(end);
        var buffer = set.Bytes;
        var cursor = offset;
        var newBytes = 0;
        int conflictStart = -1, conflictEnd = -1;
        foreach (var (start, stop) in set.Ranges)
        {
            if (stop <= cursor)
            {
                continue;
            }

            if (start >= end)
            {
                break;
            }

            if (start > cursor)
            {
                bytes[(cursor - offset)..(start - offset)].CopyTo(buffer[cursor..]);
                newBytes += start - cursor;
                cursor = start;
            }

            // Bytes already held: keep them (first wins) and note when the new fragment disagrees.
            var overlapEnd = Math.Min(end, stop);
            if (!bytes[(cursor - offset)..(overlapEnd - offset)].SequenceEqual(buffer[cursor..overlapEnd]))
            {
                conflictStart = conflictStart < 0 ? cursor : conflictStart;
                conflictEnd = overlapEnd;
            }

            cursor = overlapEnd;
        }

        if (cursor < end)
        {
            bytes[(cursor - offset)..].CopyTo(buffer[cursor..]);
            newBytes += end - cursor;
        }

        if (conflictStart >= 0)
        {
            AddDiagnostic(PacketDiagnosticKind.OverlappingFragments,
                $"overlapping fragments with conflicting data in {Describe(key)}: bytes {conflictStart}..{conflictEnd - 1} differ; the first received are kept");
        }
        else if (newBytes == 0 && !addsInformation)
        {
            CountDuplicate(1);
            return;
        }

        set.AddRange(offset, end);
        HoldRecord(set);
        if (!set.IsComplete)
        {
            return;
        }

        _fragmentSets.Remove(key);
        Counters.HeldRecords -= set.Records;
        Counters.ReassembledDatagrams++;
        _recentlyCompleted[_recentlyCompletedNext] = (key, set.TotalLength, _now);
        _recentlyCompletedNext = (_recentlyCompletedNext + 1) % RecentlyCompletedCount;
        var datagram = set.Bytes[..set.TotalLength];
        if (key.Source.IsIPv6)
        {
            DecodeIPv6Chain(set.Protocol, key.Source, key.Destination, datagram, set.Records, 0, depth, reassembled: true);
        }
        else
        {
            DecodeProtocol(set.Protocol, key.Source, key.Destination, datagram, set.Records, 0, depth);
        }

        set.Release();
    }

    private void HoldRecord(FragmentSet set)
    {
        set.Records++;
        Counters.HeldRecords++;
    }

    private bool WasRecentlyCompleted(FragmentKey key, int end, bool more)
    {
        var timeout = (long)_options.FragmentTimeout.TotalNanoseconds;
        foreach (var (completedKey, totalLength, timestamp) in _recentlyCompleted)
        {
            if (completedKey == key && totalLength > 0 && _now - timestamp <= timeout
                && (more ? end <= totalLength : end == totalLength))
            {
                return true;
            }
        }

        return false;
    }

    private static void ClipRanges(FragmentSet set)
    {
        for (var i = set.Ranges.Count - 1; i >= 0; i--)
        {
            var (start, stop) = set.Ranges[i];
            if (start >= set.TotalLength)
            {
                set.Ranges.RemoveAt(i);
            }
            else if (stop > set.TotalLength)
            {
                set.Ranges[i] = (start, set.TotalLength);
            }
        }
    }

    private void DropFragmentSet(FragmentSet set, string reason)
    {
        Counters.Capped += set.Records;
        Counters.HeldRecords -= set.Records;
        AddDiagnostic(PacketDiagnosticKind.Capped, reason + $": {set.Records} held fragments dropped with it");
        _fragmentSets.Remove(set.Key);
        set.Release();
    }

    // Gives up on datagrams older than the timeout (or all of them at the end of the capture).
    private void ExpireFragmentSets(bool force)
    {
        if (_fragmentSets.Count == 0 || (!force && _now < _nextFragmentSweep))
        {
            return;
        }

        var timeout = (long)_options.FragmentTimeout.TotalNanoseconds;
        _nextFragmentSweep = _now + Math.Max(timeout / 4, 1);
        foreach (var (key, set) in _fragmentSets)
        {
            if (!force && _now - set.FirstTimestamp <= timeout)
            {
                continue;
            }

            Counters.PendingReassembly += set.Records;
            Counters.HeldRecords -= set.Records;
            Counters.IncompleteDatagrams++;
            AddDiagnostic(set.LastFrameNumber, PacketDiagnosticKind.IncompleteDatagram,
                $"incomplete {Describe(key)}: bytes {MissingRanges(set)} missing ({set.Records} fragments held{(force ? " at end of capture" : ", timed out")})");
            _fragmentSets.Remove(key);
            set.Release();
        }
    }

    private void ReleaseFragmentSets()
    {
        foreach (var set in _fragmentSets.Values)
        {
            set.Release();
        }

        _fragmentSets.Clear();
    }

    private static string MissingRanges(FragmentSet set)
    {
        var text = new StringBuilder();
        var cursor = 0;
        foreach (var (start, stop) in set.Ranges)
        {
            if (start > cursor)
            {
                Append(text, $"{cursor}..{start - 1}");
            }

            cursor = stop;
        }

        if (set.TotalLength < 0)
        {
            Append(text, $"{cursor}..? (last fragment not seen)");
        }
        else if (cursor < set.TotalLength)
        {
            Append(text, $"{cursor}..{set.TotalLength - 1}");
        }

        return text.ToString();

        static void Append(StringBuilder text, string range) => text.Append(text.Length == 0 ? "" : ", ").Append(range);
    }

    private static string Describe(FragmentKey key) => key.Source.IsIPv6
        ? $"IPv6 datagram id 0x{key.Id:x8} {key.Source} -> {key.Destination}"
        : $"IPv4 datagram id 0x{key.Id:x4} {key.Source} -> {key.Destination}";
}
