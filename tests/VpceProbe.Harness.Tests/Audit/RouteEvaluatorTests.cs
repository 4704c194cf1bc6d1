using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Audit;

public class RouteEvaluatorTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Lists = new() { ["pl-s3"] = ["52.216.0.0/15"] };

    [Fact]
    public void the_longest_prefix_wins()
    {
        var table = Table(Route("0.0.0.0/0", "nat-1"), List("vpce-s3"));

        Assert.Equal("vpce-s3", RouteEvaluator.Lookup(table, "52.216.1.1/32", Lists)!.TargetId);
        Assert.Equal("nat-1", RouteEvaluator.Lookup(table, "8.8.8.8/32", Lists)!.TargetId);
    }

    [Fact]
    public void a_static_route_beats_a_prefix_list_route_of_the_same_length()
    {
        var table = Table(List("vpce-s3"), Route("52.216.0.0/15", "nat-1"));

        Assert.Equal("nat-1", RouteEvaluator.Lookup(table, "52.216.1.1/32", Lists)!.TargetId);
    }

    [Fact]
    public void no_route_holding_the_destination_is_null()
    {
        Assert.Null(RouteEvaluator.Lookup(Table(Route("10.0.0.0/16", "local")), "8.8.8.8/32", Lists));
    }

    private static RouteTableInfo Table(params RouteInfo[] routes) => new("rtb-1", false, [], routes, new Dictionary<string, string>());

    private static RouteInfo Route(string cidr, string target) => new(cidr, null, null, RouteTargetKind.NatGateway, target, null, "active");

    private static RouteInfo List(string target) => new(null, null, "pl-s3", RouteTargetKind.VpcEndpoint, target, null, "active");
}
