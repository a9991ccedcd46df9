using SipReg.Analysis.Model;

namespace SipReg.Analysis.Rules;

/// <summary>
/// <c>ghost-bindings</c>: an AOR holds several Contacts that differ only in host/port, registered by different flows:
/// stale bindings left by NAT rebinding or restarts (RFC 5626 §3 describes the problem outbound solves).
/// </summary>
internal sealed class GhostBindingsRule : IRegistrationRule
{
    public string Id => "ghost-bindings";

    public FindingSeverity DefaultSeverity => FindingSeverity.Warning;

    public void Evaluate(RuleContext context)
    {
        // One finding per AOR: the largest group seen, with the frames of every 200 OK that showed ghosts.
        var byAor = new Dictionary<string, (RegistrationEvent Most, List<long> Frames)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var flow in context.Model.Flows)
        {
            foreach (var e in flow.EventsOf(RegistrationEventKind.GhostBindings))
            {
                if (!byAor.TryGetValue(flow.AddressOfRecord, out var entry))
                {
                    entry = (e, []);
                    order.Add(flow.AddressOfRecord);
                }

                entry.Frames.AddRange(e.Frames);
                byAor[flow.AddressOfRecord] = (e.Value > entry.Most.Value ? e : entry.Most, entry.Frames);
            }

            // The largest group may have come after the per-kind cap of kept events.
            if (flow.TallyOf(RegistrationEventKind.GhostBindings).Largest is { } largest && byAor.TryGetValue(flow.AddressOfRecord, out var current)
                && largest.Value > current.Most.Value)
            {
                byAor[flow.AddressOfRecord] = (largest, current.Frames);
            }
        }

        foreach (var aor in order)
        {
            var (most, frames) = byAor[aor];
            context.Report(
                BuiltInRules.N(most.Value) + " bindings for " + aor + " differ only in host/port",
                "The registrar keeps old Contacts (" + most.Text + ") that earlier registrations of the same UA left behind, e.g. after NAT rebinding or a restart on a new port. "
                    + "Calls fork to dead addresses until those bindings expire.",
                "Have the UA de-register old bindings (or keep its Call-ID across restarts), or use outbound (+sip.instance/reg-id) so the registrar replaces them.",
                null,
                frames,
                aor);
        }
    }
}
