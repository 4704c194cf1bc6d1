using System.Net;
using DnsClient;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>Turns the A and AAAA responses of one lookup into an attempt: the rcode decides first, then the addresses.</summary>
internal static class DnsAnswers
{
    public static ProbeAttempt Classify(IDnsQueryResponse a, IDnsQueryResponse aaaa, IReadOnlyList<IPNetwork> privateRanges)
    {
        var v4 = a.Answers.ARecords().Select(r => r.Address).ToList();
        var v6 = aaaa.Answers.AaaaRecords().Select(r => r.Address).ToList();
        List<IPAddress> addresses = [.. v4, .. v6];
        var rcode = Rcode(a.Header.ResponseCode, aaaa.Header.ResponseCode, v4.Count, v6.Count);
        var observed = new Observation
        {
            Answers = addresses.Count == 0 ? null : [.. addresses.Select(x => x.ToString())],
            Rcode = rcode.ToString(),
            Nameserver = a.NameServer?.ToString(),
        };

        if (rcode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return ProbeAttempt.Failure(Outcome.Nxdomain, FailureKind.Nxdomain, "the name does not exist (NXDOMAIN)", observed);
        }

        if (addresses.Count == 0)
        {
            // SERVFAIL, REFUSED or an empty NOERROR: the resolver answered but gave no address to connect to.
            return ProbeAttempt.Failure(Outcome.NoAnswer, FailureKind.Other, $"no A/AAAA records (rcode {rcode})", observed);
        }

        var inside = addresses.Count(x => PrivateRanges.Contains(privateRanges, x));
        var outcome = inside == addresses.Count ? Outcome.Private : inside == 0 ? Outcome.Public : Outcome.Mixed;
        return ProbeAttempt.Success(outcome, observed);
    }

    // One rcode for two queries: NXDOMAIN from either wins, then the query that gave addresses; some servers
    // refuse or fail the AAAA query of an IPv4-only name, which must not hide a good A answer.
    private static DnsHeaderResponseCode Rcode(DnsHeaderResponseCode a, DnsHeaderResponseCode aaaa, int v4, int v6) =>
        a == DnsHeaderResponseCode.NotExistentDomain || aaaa == DnsHeaderResponseCode.NotExistentDomain ? DnsHeaderResponseCode.NotExistentDomain
        : v4 > 0 ? a
        : v6 > 0 ? aaaa
        : a != DnsHeaderResponseCode.NoError ? a
        : aaaa;
}
