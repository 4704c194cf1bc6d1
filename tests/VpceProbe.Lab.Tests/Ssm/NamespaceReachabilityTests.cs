using System.Net;
using System.Net.Sockets;
using VpceProbe.Contract.Aws;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Ssm;
using VpceProbe.Lab.Tests.Fakes;

namespace VpceProbe.Lab.Tests.Ssm;

/// <summary>
/// A subnet's answers for the SSM names are looked up once and kept across heartbeat rounds (one `getent` per subnet a
/// second was a tenth of a core on the fleet), until the data plane changes or they are <see cref="NamespaceReachability.AnswersKeptFor"/>
/// old; answers that lack a name are never kept. An instance that reached its agent's endpoints is not asked again
/// until the data plane changes or <see cref="NamespaceReachability.ReachedKeptFor"/> passes; a failure always is.
/// </summary>
public class NamespaceReachabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SsmHeartbeatTarget Target = new("fake-i-1", "subnet-1", SsmControlPath.AllServices);

    private static NamespaceProcessResult Getent(IEnumerable<string> services) =>
        new(0, string.Concat(services.Select((s, i) => $"10.0.1.{i + 10}    {s}.us-east-1.amazonaws.com\n")), "", TimedOut: false);

    private static async Task<int> RoundAsync(NamespaceReachability reachability, FakeDataPlane dataPlane)
    {
        reachability.StartRound();
        await reachability.ReachesSsmAsync(Target, Ct);
        return dataPlane.Runs;
    }

    [Fact]
    public async Task answers_are_kept_across_rounds_until_the_data_plane_changes_or_they_age()
    {
        using var dataPlane = new FakeDataPlane { Answer = _ => Getent(SsmControlPath.AllServices) };
        var time = TestGateway.FakeTime();
        var reachability = new NamespaceReachability(dataPlane, "us-east-1", TimeSpan.FromMilliseconds(200), time);

        Assert.Equal(1, await RoundAsync(reachability, dataPlane));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RoundAsync(reachability, dataPlane));

        dataPlane.RequestReconcile();
        Assert.Equal(2, await RoundAsync(reachability, dataPlane));

        time.Advance(NamespaceReachability.AnswersKeptFor - TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, await RoundAsync(reachability, dataPlane));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, await RoundAsync(reachability, dataPlane));
    }

    [Fact]
    public async Task answers_that_lack_a_name_are_looked_up_again_next_round()
    {
        using var dataPlane = new FakeDataPlane { Answer = _ => Getent([SsmControlPath.Ssm]) };
        var reachability = new NamespaceReachability(dataPlane, "us-east-1", TimeSpan.FromMilliseconds(200), TestGateway.FakeTime());

        reachability.StartRound();
        Assert.False(await reachability.ReachesSsmAsync(Target, Ct));
        Assert.Equal(2, await RoundAsync(reachability, dataPlane));
        Assert.Equal(3, await RoundAsync(reachability, dataPlane));
    }

    [Fact]
    public async Task a_reached_instance_is_not_asked_again_until_the_data_plane_changes_or_it_ages()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(64);
        using var dataPlane = new FakeDataPlane { Answer = _ => Getent(SsmControlPath.AllServices), ConnectTarget = (IPEndPoint)listener.LocalEndPoint! };
        var time = TestGateway.FakeTime();
        var reachability = new NamespaceReachability(dataPlane, "us-east-1", TimeSpan.FromSeconds(5), time);
        async Task<int> ReachedAsync()
        {
            reachability.StartRound();
            Assert.True(await reachability.ReachesSsmAsync(Target, Ct));
            return dataPlane.Connects;
        }

        Assert.Equal(3, await ReachedAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await ReachedAsync());

        dataPlane.RequestReconcile();
        Assert.Equal(6, await ReachedAsync());

        time.Advance(NamespaceReachability.ReachedKeptFor);
        Assert.Equal(9, await ReachedAsync());

        // An agent that needs other endpoints (its version tag changed, which is no reconcile) is asked afresh.
        reachability.StartRound();
        Assert.True(await reachability.ReachesSsmAsync(Target with { Services = [SsmControlPath.Ssm] }, Ct));
        Assert.Equal(10, dataPlane.Connects);
    }

    [Fact]
    public async Task an_instance_that_did_not_reach_is_asked_again_every_round()
    {
        // Bound and never listening: every connection to it is refused.
        using var refusing = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var dataPlane = new FakeDataPlane { Answer = _ => Getent(SsmControlPath.AllServices), ConnectTarget = (IPEndPoint)refusing.LocalEndPoint! };
        var reachability = new NamespaceReachability(dataPlane, "us-east-1", TimeSpan.FromSeconds(5), TestGateway.FakeTime());

        for (var round = 1; round <= 3; round++)
        {
            reachability.StartRound();
            Assert.False(await reachability.ReachesSsmAsync(Target, Ct));
            Assert.Equal(3 * round, dataPlane.Connects);
        }
    }
}
