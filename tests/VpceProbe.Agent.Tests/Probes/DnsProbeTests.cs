using System.Net;
using System.Net.Sockets;
using VpceProbe.Agent.Probes;
using VpceProbe.Agent.Tests.Support;
using VpceProbe.Contract;
using VpceProbe.Testing;

namespace VpceProbe.Agent.Tests.Probes;

/// <summary>One dnsmasq for the class, answering only from the records below (no upstream).</summary>
public sealed class DnsRecordsFixture : IAsyncLifetime
{
    // Public answers use documentation ranges (RFC 5737): they are only data here, never contacted.
    private static readonly Dictionary<string, string[]> Records = new()
    {
        ["secretsmanager.us-east-1.amazonaws.com"] = ["10.0.1.25", "10.0.2.25"],
        ["s3.us-east-1.amazonaws.com"] = ["203.0.113.10"],
        ["split.example.test"] = ["10.0.1.30", "198.51.100.7"],
        ["v6.example.test"] = ["fd00::25"],
        ["cgnat.example.test"] = ["100.64.3.4"],
    };

    private Dnsmasq? _server;

    public Dnsmasq Server => _server!;

    public async ValueTask InitializeAsync() =>
        _server = await Dnsmasq.StartAsync(Records, nxdomainDomains: ["gone.example.test"], TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Backend: dnsmasq on a loopback port (<see cref="DnsRecordsFixture"/>).</summary>
public sealed class DnsProbeTests(DnsRecordsFixture records) : IClassFixture<DnsRecordsFixture>
{
    private Dnsmasq Dns => records.Server;

    private Task<ProbeAttempt> LookUp(string name, IReadOnlyList<IPNetwork>? privateRanges = null) =>
        Attempts.RunAsync(new DnsProbe(new DnsProbeOptions(name, IPEndPoint.Parse(Dns.Nameserver))), TimeSpan.FromSeconds(3), privateRanges);

    [Fact]
    public async Task dns_probe_reports_private_when_every_answer_is_in_rfc1918()
    {
        var attempt = await LookUp("secretsmanager.us-east-1.amazonaws.com");
        Assert.Equal(Outcome.Private, attempt.Outcome);
        Assert.Null(attempt.FailureKind);
        Assert.Equal(["10.0.1.25", "10.0.2.25"], attempt.Observed!.Answers!.Order());
        Assert.Equal("NoError", attempt.Observed.Rcode);
        Assert.Equal(Dns.Nameserver, attempt.Observed.Nameserver);
    }

    [Theory]
    [InlineData("v6.example.test")]
    [InlineData("cgnat.example.test")]
    public async Task dns_probe_counts_ula_and_rfc6598_as_private(string name) =>
        Assert.Equal(Outcome.Private, (await LookUp(name)).Outcome);

    [Fact]
    public async Task dns_probe_reports_public_for_a_public_answer()
    {
        var attempt = await LookUp("s3.us-east-1.amazonaws.com");
        Assert.Equal(Outcome.Public, attempt.Outcome);
        Assert.Equal(["203.0.113.10"], attempt.Observed!.Answers!);
    }

    [Fact]
    public async Task dns_probe_reports_mixed_when_answers_are_on_both_sides() =>
        Assert.Equal(Outcome.Mixed, (await LookUp("split.example.test")).Outcome);

    [Fact]
    public async Task dns_probe_uses_the_plan_vpc_cidrs_instead_of_the_default_ranges()
    {
        var attempt = await LookUp("secretsmanager.us-east-1.amazonaws.com", PrivateRanges.For(["10.0.1.0/24"]));
        Assert.Equal(Outcome.Mixed, attempt.Outcome);
    }

    [Fact]
    public async Task dns_probe_reports_nxdomain_as_failure_kind_nxdomain()
    {
        var attempt = await LookUp("api.gone.example.test");
        Assert.Equal(Outcome.Nxdomain, attempt.Outcome);
        Assert.Equal(FailureKind.Nxdomain, attempt.FailureKind);
        Assert.Equal("NotExistentDomain", attempt.Observed!.Rcode);
    }

    [Fact]
    public async Task dns_probe_reports_a_refused_query_as_no_answer_with_the_rcode()
    {
        // dnsmasq has no upstream, so a name it does not know is refused.
        var attempt = await LookUp("unknown.elsewhere.test");
        Assert.Equal(Outcome.NoAnswer, attempt.Outcome);
        Assert.Equal(FailureKind.Other, attempt.FailureKind);
        Assert.Null(attempt.Observed!.Answers);
        Assert.NotEqual("NoError", attempt.Observed.Rcode);
    }

    [Fact]
    public async Task dns_probe_reports_dns_timeout_when_the_nameserver_never_answers()
    {
        // A bound UDP socket that never reads: no answer and no ICMP port-unreachable either.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var probe = new DnsProbe(new DnsProbeOptions("secretsmanager.us-east-1.amazonaws.com", (IPEndPoint)silent.LocalEndPoint!));

        var attempt = await Attempts.RunAsync(probe, TimeSpan.FromMilliseconds(400));

        Assert.Equal(Outcome.NoAnswer, attempt.Outcome);
        Assert.Equal(FailureKind.DnsTimeout, attempt.FailureKind);
        Assert.Equal(silent.LocalEndPoint!.ToString(), attempt.Observed!.Nameserver);
    }
}
