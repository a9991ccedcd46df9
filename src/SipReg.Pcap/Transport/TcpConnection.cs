namespace SipReg.Pcap;

/// <summary>A tracked TCP connection: its stream index, the client (SYN sender, else the higher port) and both directions.</summary>
internal sealed class TcpConnection
{
    public TcpConnection(TcpConnectionKey key, long streamIndex, NetworkEndpoint client, NetworkEndpoint server)
    {
        Key = key;
        StreamIndex = streamIndex;
        ClientToServer = new TcpDirection(streamIndex, client, server, isFromClient: true);
        ServerToClient = new TcpDirection(streamIndex, server, client, isFromClient: false);
    }

    public TcpConnectionKey Key { get; }

    public long StreamIndex { get; }

    public TcpDirection ClientToServer { get; }

    public TcpDirection ServerToClient { get; }

    /// <summary>Capture time of the last segment (for the idle timeout).</summary>
    public long LastSeen { get; set; }

    public bool ResetSeen { get; set; }

    public TcpDirection From(NetworkEndpoint source) => source == ClientToServer.Source ? ClientToServer : ServerToClient;

    public TcpDirection To(NetworkEndpoint source) => source == ClientToServer.Source ? ServerToClient : ClientToServer;
}
