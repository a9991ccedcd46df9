namespace SipReg.Analysis.Model;

/// <summary>
/// Builds a flow's next Contact list against the list the same kind of message produced last time: while the Contacts
/// read equal that list it is kept, and a new list (and new records) are made only from the first difference on. A UA
/// lists the same Contacts on every refresh, so a long capture makes no garbage here.
/// </summary>
internal struct FlowContactListBuilder(IReadOnlyList<FlowContact> previous, int capacity)
{
    private List<FlowContact>? _changed;
    private int _count;

    /// <summary>The list: <c>previous</c> itself when every Contact added equals it, in order and in number.</summary>
    public readonly IReadOnlyList<FlowContact> Result =>
        _changed ?? (_count == previous.Count ? previous : previous.Take(_count).ToList());

    /// <summary>Adds the next Contact.</summary>
    public void Add(string uri, long requestedExpires, long? grantedExpires, string? instanceId, string? regId, bool ob, string? pubGruu, string? tempGruu)
    {
        if (_changed is null && _count < previous.Count)
        {
            var p = previous[_count];
            if (p.Uri == uri && p.RequestedExpires == requestedExpires && p.GrantedExpires == grantedExpires && p.InstanceId == instanceId
                && p.RegId == regId && p.Ob == ob && p.PubGruu == pubGruu && p.TempGruu == tempGruu)
            {
                _count++;
                return;
            }
        }

        if (_changed is null)
        {
            _changed = new List<FlowContact>(Math.Max(capacity, _count + 1));
            for (var i = 0; i < _count; i++)
            {
                _changed.Add(previous[i]);
            }
        }

        _changed.Add(new FlowContact
        {
            Uri = uri,
            RequestedExpires = requestedExpires,
            GrantedExpires = grantedExpires,
            InstanceId = instanceId,
            RegId = regId,
            Ob = ob,
            PubGruu = pubGruu,
            TempGruu = tempGruu,
        });
        _count++;
    }
}
