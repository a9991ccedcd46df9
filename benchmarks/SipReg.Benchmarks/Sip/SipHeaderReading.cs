using SipReg.Sip;

namespace SipReg.Benchmarks.Sip;

/// <summary>Reads every typed header a registration analysis looks at, touching each field so nothing is skipped.</summary>
public static class SipHeaderReading
{
    /// <summary>Reads the headers and returns a checksum of what was read.</summary>
    public static long ReadAll(SipMessage message)
    {
        long sum = message.Method.Length + message.RequestUri.Length + message.StatusCode + message.CallId.Length + message.UserAgent.Length
            + message.Server.Length;
        if (message.TryGetCSeq(out var cseq))
        {
            sum += cseq.Number + cseq.Method.Length;
        }

        if (message.TryGetFrom(out var from))
        {
            sum += from.Uri.Length + from.Tag.Length + from.DisplayName.Length;
        }

        if (message.TryGetTo(out var to))
        {
            sum += to.Uri.Length + to.Tag.Length;
        }

        if (message.TryGetExpires(out uint expires))
        {
            sum += expires;
        }

        if (message.TryGetMinExpires(out uint minExpires))
        {
            sum += minExpires;
        }

        if (message.TryGetContentLength(out long contentLength))
        {
            sum += contentLength;
        }

        foreach (var via in message.Vias)
        {
            sum += via.Transport.Length + via.Host.Length + via.Port + via.Branch.Length + via.Received.Length + via.RPort;
        }

        foreach (var contact in message.Contacts)
        {
            sum += contact.Uri.Length + contact.InstanceId.Length;
            if (contact.TryGetExpires(out uint seconds))
            {
                sum += seconds;
            }

            if (contact.TryGetRegId(out uint regId))
            {
                sum += regId;
            }

            if (contact.Address.TryGetUri(out var uri))
            {
                sum += uri.Host.Length + uri.Port + uri.User.Length + uri.Transport.Length;
            }
        }

        foreach (var challenge in message.Challenges)
        {
            sum += challenge.Realm.Length + challenge.Nonce.Length + challenge.Opaque.Length + challenge.Qop.Length + (int)challenge.AlgorithmKind;
        }

        foreach (var credentials in message.Credentials)
        {
            sum += credentials.Username.Length + credentials.Realm.Length + credentials.Nonce.Length + credentials.Uri.Length
                + credentials.Response.Length + credentials.CNonce.Length + credentials.NonceCount.Length;
        }

        foreach (var route in message.ServiceRoute)
        {
            sum += route.Uri.Length;
        }

        foreach (var path in message.Path)
        {
            sum += path.Uri.Length;
        }

        return sum;
    }
}
