using SipReg.Pcap;

namespace SipReg.Analysis.Pipeline;

/// <summary>
/// One string per distinct endpoint, as <see cref="NetworkEndpoint.ToString"/> writes it: a registrar capture's
/// millions of messages and keep-alives come from a few thousand endpoints.
/// </summary>
/// <remarks>Capped: when full the table is cleared, which only costs the next look-ups a new string, never a different text.</remarks>
internal sealed class EndpointTextCache
{
    private readonly Dictionary<NetworkEndpoint, string> _texts = [];

    /// <summary>The endpoint as text.</summary>
    public string Get(NetworkEndpoint endpoint)
    {
        if (_texts.TryGetValue(endpoint, out var text))
        {
            return text;
        }

        if (_texts.Count >= FactTextCache.MaxEntries)
        {
            _texts.Clear();
        }

        text = endpoint.ToString();
        _texts.Add(endpoint, text);
        return text;
    }
}
