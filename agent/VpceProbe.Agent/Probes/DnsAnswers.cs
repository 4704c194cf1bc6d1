using System.Net;
using DnsClient;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>Turns the A and AAAA responses of one lookup into an attempt: the rcode decides first, then the addresses.</summary>
internal static class DnsAnswers
{
    public static ProbeAttempt Classify(IDnsQueryResponse a, IDnsQueryResponse aaaa, IReadOnlyList<IPNetwork> privateRanges)
    {
        var addresses = a.Answers.ARecords().Select(r => r.Address)
            .Concat(aaaa.Answers.AaaaRecords().Select(r => r.Address))
            .ToList();
        var rcode = a.Header.ResponseCode == DnsHeaderResponseCode.NoError ? aaaa.Header.ResponseCode : a.Header.ResponseCode;
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
}
