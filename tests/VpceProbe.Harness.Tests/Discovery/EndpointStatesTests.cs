using System.Reflection;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Tests.Discovery;

public class EndpointStatesTests
{
    /// <summary>Every state the SDK knows (Amazon.EC2.State's values), lower-cased as discovery stores it.</summary>
    private static IReadOnlyList<string> SdkStates { get; } =
        [.. typeof(Amazon.EC2.State).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Amazon.EC2.State))
            .Select(f => ((Amazon.EC2.State)f.GetValue(null)!).Value.ToLowerInvariant())];

    private static IReadOnlyList<string> Vocabulary { get; } =
        [.. typeof(EndpointStates).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void the_vocabulary_is_exactly_the_states_ec2_reports()
    {
        Assert.Equal(SdkStates.Order(StringComparer.Ordinal), Vocabulary.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void live_endpoints_are_those_standing_in_the_vpc_and_unknown_states_are_not_live()
    {
        Assert.Equal(
            [EndpointStates.Available, EndpointStates.Partial, EndpointStates.Pending, EndpointStates.PendingAcceptance],
            SdkStates.Where(EndpointStates.IsLive).Order(StringComparer.Ordinal));
        Assert.False(EndpointStates.IsLive("something-new"));
        Assert.False(EndpointStates.IsLive((string?)null));
    }

    [Fact]
    public void only_available_and_pending_endpoints_carry_traffic_and_only_deleting_and_deleted_are_gone()
    {
        Assert.Equal([EndpointStates.Available, EndpointStates.Pending], SdkStates.Where(EndpointStates.CarriesTraffic).Order(StringComparer.Ordinal));
        Assert.Equal([EndpointStates.Deleted, EndpointStates.Deleting], SdkStates.Where(EndpointStates.IsGone).Order(StringComparer.Ordinal));
    }
}
