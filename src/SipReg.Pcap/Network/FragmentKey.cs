namespace SipReg.Pcap;

/// <summary>
/// What identifies the fragments of one IP datagram: source, destination and identification, plus the protocol for
/// IPv4 (RFC 791 §3.2). For IPv6 (RFC 8200 §4.5) the protocol is 0: the key is source, destination and identification.
/// </summary>
internal readonly record struct FragmentKey(NetworkAddress Source, NetworkAddress Destination, uint Id, byte Protocol);
