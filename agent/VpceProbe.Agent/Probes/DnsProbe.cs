using DnsClient;
using VpceProbe.Contract;

namespace VpceProbe.Agent.Probes;

/// <summary>
/// Asks for A and AAAA records together and classifies the answers against the private ranges:
/// all inside is private (an interface endpoint's private DNS at work), all outside is public, both is mixed.
/// </summary>
internal sealed class DnsProbe(DnsProbeOptions options) : IProbe
{
    private const string NoResolverMessage = "no nameserver in /etc/resolv.conf and none in the plan";

    public string Target => options.Name;

    public async Task<ProbeAttempt> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var servers = Nameservers();
        if (servers.Count == 0)
        {
            return ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, NoResolverMessage);
        }

        var client = new LookupClient(new LookupClientOptions([.. servers])
        {
            UseCache = false,
            Timeout = context.Timeout,
            Retries = 0,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        });
        var nameserver = string.Join(",", servers.Select(s => s.ToString()));
        try
        {
            var a = client.QueryAsync(options.Name, QueryType.A, QueryClass.IN, cancellationToken);
            var aaaa = client.QueryAsync(options.Name, QueryType.AAAA, QueryClass.IN, cancellationToken);
            // WhenAll observes both queries, so a failure of one is never left unobserved behind the other's.
            await Task.WhenAll(a, aaaa).ConfigureAwait(false);
            return DnsAnswers.Classify(a.Result, aaaa.Result, context.PrivateRanges);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            return TimedOut(context, nameserver);
        }
        catch (OperationCanceledException) when (context.AttemptTimedOut())
        {
            return TimedOut(context, nameserver);
        }
        catch (DnsResponseException e)
        {
            return NetworkFailures.TryClassify(e, context, new Observation { Nameserver = nameserver })
                ?? ProbeAttempt.Failure(Outcome.Error, FailureKind.Other, $"{e.Code}: {e.Message}", new Observation { Nameserver = nameserver });
        }
    }

    // The system resolvers are read here rather than left to DnsClient, whose fallback when it finds
    // none is Google Public DNS: on a private instance that would test the wrong path.
    private IReadOnlyList<NameServer> Nameservers() => options.Nameserver is { } ns
        ? [new NameServer(ns)]
        : [.. NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)];

    private static ProbeAttempt TimedOut(ProbeContext context, string nameserver) => ProbeAttempt.Failure(
        Outcome.NoAnswer,
        FailureKind.DnsTimeout,
        $"no answer from {nameserver} within {Duration.Format(context.Timeout)}",
        new Observation { Nameserver = nameserver });
}
