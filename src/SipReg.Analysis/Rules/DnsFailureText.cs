using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>Shared wording of DNS failures for the DNS rules.</summary>
internal static class DnsFailureText
{
    public static (string Summary, List<long> Frames, int Count) Describe(IReadOnlyList<DnsClue> clues)
    {
        var parts = new List<string>();
        var frames = new List<long>();
        var count = 0;
        foreach (var c in clues)
        {
            if (!c.IsFailure)
            {
                continue;
            }

            count++;
            var outcome = c.Outcome switch
            {
                DnsOutcome.Error => c.Rcode ?? "error",
                DnsOutcome.Empty => "NOERROR with no records (NODATA)",
                _ => "no answer",
            };
            var text = c.Type + " " + c.Name + ": " + outcome;
            if (!parts.Contains(text) && parts.Count < 8)
            {
                parts.Add(text);
            }

            if (c.QueryFrame is { } q)
            {
                frames.Add(q);
            }

            if (c.ResponseFrame is { } r)
            {
                frames.Add(r);
            }
        }

        return (string.Join("; ", parts), frames, count);
    }
}
