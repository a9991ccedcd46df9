using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SipReg.Analysis.Redaction;

/// <summary>
/// Maps IP addresses consistently and injectively to replacements whose text has the same length as the
/// original's, so an address can be rewritten in a binary header and in SIP/SDP text without moving a byte.
/// </summary>
/// <remarks>
/// IPv4: loopback, 0.0.0.0, multicast and 255.255.255.255 are kept. Private addresses stay in their own block
/// (10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16; every octet keeps its number of digits) so NAT evidence reads
/// the same. Any other address goes to 192.0.2.0/24, 198.51.100.0/24 or 203.0.113.0/24 (RFC 5737) when one of them
/// has a free address of the same text length, else to 198.18.0.0/15 (RFC 2544 benchmarking), then 240.0.0.0/4
/// (reserved), then 0.0.0.0/8 ("this network"): none of these is routed on the Internet.
/// IPv6: ::, ::1 and multicast are kept; ::ffff:a.b.c.d maps its IPv4 address; otherwise the first 16-bit group is
/// kept (so global, unique-local and link-local stay what they are) and every other non-zero group becomes a keyed
/// pseudo-random group with the same number of hex digits (zero groups stay zero, so "::" compression is unchanged).
/// </remarks>
internal sealed class AddressMapper
{
    private const int MaxAttempts = 256;
    private static readonly uint[] s_documentation = [0xC0000200, 0xC6336400, 0xCB007100];

    private readonly byte[] _key;
    private readonly Dictionary<uint, uint> _v4 = [];
    private readonly HashSet<uint> _v4Images = [];
    private readonly Dictionary<UInt128, UInt128> _v6 = [];
    private readonly HashSet<UInt128> _v6Images = [];
    private readonly List<uint>[] _documentationByLength = new List<uint>[16];

    public AddressMapper(byte[] key)
    {
        _key = key;
        for (var i = 0; i < _documentationByLength.Length; i++)
        {
            _documentationByLength[i] = [];
        }

        foreach (var network in s_documentation)
        {
            for (uint host = 1; host < 255; host++)
            {
                var a = network | host;
                _documentationByLength[TextLength(a)].Add(a);
            }
        }
    }

    /// <summary>Distinct addresses mapped so far.</summary>
    public int Count => _v4.Count + _v6.Count;

    /// <summary>Every mapping made so far, as text (original → replacement).</summary>
    public IReadOnlyDictionary<string, string> Mappings
    {
        get
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (from, to) in _v4)
            {
                map[Text(from)] = Text(to);
            }

            foreach (var (from, to) in _v6)
            {
                map[V6Text(from)] = V6Text(to);
            }

            return map;
        }
    }

    /// <summary>True for IPv4 addresses left as they are.</summary>
    public static bool IsKept(uint a) => a == 0 || (a >> 24) == 127 || (a >> 28) == 0xE || a == 0xFFFFFFFF;

    /// <summary>True for IPv6 addresses left as they are.</summary>
    public static bool IsKept(UInt128 a) => a == UInt128.Zero || a == UInt128.One || (byte)(a >> 120) == 0xFF;

    /// <summary>Maps an IPv4 address (big-endian value).</summary>
    public uint Map(uint a)
    {
        if (IsKept(a))
        {
            return a;
        }

        if (_v4.TryGetValue(a, out var known))
        {
            return known;
        }

        var image = Draw(a);
        _v4.Add(a, image);
        _v4Images.Add(image);
        return image;
    }

    /// <summary>Maps an IPv6 address (big-endian value).</summary>
    public UInt128 Map(UInt128 a)
    {
        if (IsKept(a))
        {
            return a;
        }

        if (_v6.TryGetValue(a, out var known))
        {
            return known;
        }

        UInt128 image;
        if (a >> 32 == 0xFFFF)
        {
            image = (UInt128)0xFFFF << 32 | Map((uint)a);
        }
        else
        {
            image = a;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                image = DrawV6(a, attempt);
                if (image != a && !_v6Images.Contains(image))
                {
                    break;
                }
            }
        }

        _v6.Add(a, image);
        _v6Images.Add(image);
        return image;
    }

    /// <summary>Maps 4 or 16 address bytes in place.</summary>
    public void MapInPlace(Span<byte> address)
    {
        if (address.Length == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(address, Map(BinaryPrimitives.ReadUInt32BigEndian(address)));
        }
        else if (address.Length == 16)
        {
            BinaryPrimitives.WriteUInt128BigEndian(address, Map(BinaryPrimitives.ReadUInt128BigEndian(address)));
        }
    }

    /// <summary>
    /// Maps the text of an address (dotted IPv4, or IPv6 in any written form) to text of the same length, or returns
    /// null when the text is not an address this mapper can rewrite in place.
    /// </summary>
    public string? MapText(string text)
    {
        if (TryParseV4(text, out var v4))
        {
            var mapped = Text(Map(v4));
            return mapped.Length == text.Length ? mapped : null;
        }

        if (!text.Contains(':', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var address)
            || address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0 || text.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var value = BinaryPrimitives.ReadUInt128BigEndian(address.GetAddressBytes());
        var image = Map(value);
        return RewriteV6Text(text, image);
    }

    /// <summary>Strict dotted-quad parse: four decimal octets, no leading zeros.</summary>
    public static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var octets = 0;
        var i = 0;
        while (i <= text.Length)
        {
            var start = i;
            var n = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                n = (n * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || n > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)n;
            octets++;
            if (octets == 4)
            {
                return i == text.Length;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }

        return false;
    }

    public static string Text(uint a) => string.Create(CultureInfo.InvariantCulture, $"{a >> 24}.{(a >> 16) & 255}.{(a >> 8) & 255}.{a & 255}");

    private static string V6Text(UInt128 a)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, a);
        return new IPAddress(bytes).ToString();
    }

    private static int TextLength(uint a) => Text(a).Length;

    private static bool IsPrivate(uint a) =>
        (a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8 || (a >> 22) == ((100u << 2) | 1) || (a >> 16) == 0xA9FE;

    private uint Draw(uint a)
    {
        var digits = OctetDigits(a);
        if (IsPrivate(a))
        {
            // Same block, every octet keeps its number of digits: the text length and the private class are kept.
            var fixedOctets = (a >> 24) == 10 ? 1 : 2;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var r = Random("p4", a, attempt);
                var candidate = a & (fixedOctets == 1 ? 0xFF000000u : 0xFFFF0000u);
                if ((a >> 20) == 0xAC1)
                {
                    candidate = 0xAC000000u | ((uint)(16 + (r[7] % 16)) << 16);
                }
                else if ((a >> 22) == ((100u << 2) | 1))
                {
                    candidate = 0x64000000u | ((uint)(digits[1] == 2 ? 64 + (r[7] % 36) : 100 + (r[7] % 28)) << 16);
                }

                for (var o = fixedOctets == 1 ? 1 : 2; o < 4; o++)
                {
                    candidate |= RandomOctet(digits[o], r[o]) << (8 * (3 - o));
                }

                if (candidate != a && !_v4Images.Contains(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("too many distinct private addresses of one shape to map injectively: " + Text(a));
        }

        var length = TextLength(a);
        var pool = _documentationByLength[length];
        if (pool.Count > 0)
        {
            var start = (int)(BinaryPrimitives.ReadUInt32BigEndian(Random("d4", a, 0)) % (uint)pool.Count);
            for (var i = 0; i < pool.Count; i++)
            {
                var candidate = pool[(start + i) % pool.Count];
                if (candidate != a && !_v4Images.Contains(candidate))
                {
                    return candidate;
                }
            }
        }

        // Spill-over ranges, each written as fixed leading text plus octets with free digit counts.
        for (var attempt = 0; attempt < MaxAttempts * 3; attempt++)
        {
            var r = Random("s4", a, attempt);
            var tier = attempt / MaxAttempts;
            uint candidate;
            int free;
            if (tier == 0)
            {
                // 198.18.0.0/15: "198.18." or "198.19." then two octets.
                free = length - 8;
                candidate = 0xC6120000u | ((uint)(r[0] & 1) << 16);
                if (!Split(free, 2, r[1], out var split))
                {
                    continue;
                }

                candidate |= RandomOctet(split[0], r[2]) << 8 | RandomOctet(split[1], r[3]);
            }
            else if (tier == 1)
            {
                // 240.0.0.0/4 without 255.x: "24x."..."254." then three octets.
                free = length - 6;
                if (!Split(free, 3, r[1], out var split))
                {
                    continue;
                }

                candidate = (uint)(240 + (r[0] % 15)) << 24 | RandomOctet(split[0], r[2]) << 16
                    | RandomOctet(split[1], r[3]) << 8 | RandomOctet(split[2], r[4]);
            }
            else
            {
                // 0.0.0.0/8 without 0.0.0.0: "0." then three octets.
                free = length - 4;
                if (!Split(free, 3, r[1], out var split))
                {
                    continue;
                }

                candidate = RandomOctet(split[0], r[2]) << 16 | RandomOctet(split[1], r[3]) << 8 | RandomOctet(split[2], r[4]);
                if (candidate == 0)
                {
                    continue;
                }
            }

            if (candidate != a && !_v4Images.Contains(candidate) && TextLength(candidate) == length)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no free replacement address with the text length of " + Text(a));
    }

    private UInt128 DrawV6(UInt128 a, int attempt)
    {
        Span<byte> original = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(original, a);
        var r = TokenMasker.KeyStream(_key, "a6\0" + attempt.ToString(CultureInfo.InvariantCulture) + "\0" + V6Text(a), 16);
        Span<byte> image = stackalloc byte[16];
        original[..2].CopyTo(image);
        for (var g = 1; g < 8; g++)
        {
            var value = BinaryPrimitives.ReadUInt16BigEndian(original[(2 * g)..]);
            ushort mapped = 0;
            if (value != 0)
            {
                var digits = value >= 0x1000 ? 4 : value >= 0x100 ? 3 : value >= 0x10 ? 2 : 1;
                var low = digits == 1 ? 1 : 1 << (4 * (digits - 1));
                var high = (1 << (4 * digits)) - 1;
                var random = BinaryPrimitives.ReadUInt16BigEndian(r.AsSpan(2 * g));
                mapped = (ushort)(low + (random % (high - low + 1)));
            }

            BinaryPrimitives.WriteUInt16BigEndian(image[(2 * g)..], mapped);
        }

        return BinaryPrimitives.ReadUInt128BigEndian(image);
    }

    private static string? RewriteV6Text(string text, UInt128 image)
    {
        // Walk the written groups: those before "::" count from group 0, those after it from the end.
        var doubleColon = text.IndexOf("::", StringComparison.Ordinal);
        var head = doubleColon < 0 ? text : text[..doubleColon];
        var tail = doubleColon < 0 ? "" : text[(doubleColon + 2)..];
        var headGroups = head.Length == 0 ? [] : head.Split(':');
        var tailGroups = tail.Length == 0 ? [] : tail.Split(':');
        var result = new StringBuilder(text.Length);
        var dottedTail = tailGroups.Length > 0 ? tailGroups[^1].Contains('.', StringComparison.Ordinal)
            : headGroups.Length > 0 && headGroups[^1].Contains('.', StringComparison.Ordinal);

        string Group(string written, int index)
        {
            var value = (ushort)(image >> (16 * (7 - index)));
            var hex = value.ToString(written.Any(char.IsAsciiLetterUpper) ? "X" : "x", CultureInfo.InvariantCulture);
            return hex.Length > written.Length ? written : hex.PadLeft(written.Length, '0');
        }

        string Dotted(string written)
        {
            var mapped = Text((uint)image);
            return mapped.Length == written.Length ? mapped : written;
        }

        for (var i = 0; i < headGroups.Length; i++)
        {
            if (i > 0)
            {
                result.Append(':');
            }

            result.Append(i == headGroups.Length - 1 && dottedTail && doubleColon < 0 ? Dotted(headGroups[i]) : Group(headGroups[i], i));
        }

        if (doubleColon >= 0)
        {
            result.Append("::");
            var first = 8 - (tailGroups.Length + (dottedTail ? 1 : 0));
            for (var i = 0; i < tailGroups.Length; i++)
            {
                if (i > 0)
                {
                    result.Append(':');
                }

                result.Append(i == tailGroups.Length - 1 && dottedTail ? Dotted(tailGroups[i]) : Group(tailGroups[i], first + i));
            }
        }

        var rewritten = result.ToString();
        return rewritten.Length == text.Length && IPAddress.TryParse(rewritten, out var check)
            && BinaryPrimitives.ReadUInt128BigEndian(check.GetAddressBytes()) == image ? rewritten : null;
    }

    private byte[] Random(string space, uint a, int attempt) =>
        TokenMasker.KeyStream(_key, space + "\0" + attempt.ToString(CultureInfo.InvariantCulture) + "\0" + Text(a), 8);

    private static int[] OctetDigits(uint a) =>
        [Digits(a >> 24), Digits((a >> 16) & 255), Digits((a >> 8) & 255), Digits(a & 255)];

    private static int Digits(uint octet) => octet >= 100 ? 3 : octet >= 10 ? 2 : 1;

    private static uint RandomOctet(int digits, byte r) => digits switch
    {
        1 => r % 10u,
        2 => 10 + (r % 90u),
        _ => 100 + (r % 155u),
    };

    private static bool Split(int total, int parts, byte r, out int[] split)
    {
        split = new int[parts];
        var options = new List<int[]>();
        for (var x = 1; x <= 3; x++)
        {
            for (var y = 1; y <= 3; y++)
            {
                if (parts == 2)
                {
                    if (x + y == total)
                    {
                        options.Add([x, y]);
                    }

                    continue;
                }

                for (var z = 1; z <= 3; z++)
                {
                    if (x + y + z == total)
                    {
                        options.Add([x, y, z]);
                    }
                }
            }
        }

        if (options.Count == 0)
        {
            return false;
        }

        split = options[r % options.Count];
        return true;
    }
}
