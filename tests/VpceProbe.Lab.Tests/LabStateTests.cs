using Microsoft.Extensions.Time.Testing;

namespace VpceProbe.Lab.Tests;

public class LabStateTests
{
    [Fact]
    public void a_new_endpoint_is_pending_until_its_pending_time_is_over_and_the_data_plane_has_applied_it()
    {
        var time = new FakeTimeProvider();
        var state = new LabState(time, TimeSpan.FromSeconds(2));
        var seenDuringApply = new List<(EndpointLifecycle Reported, EndpointLifecycle InForce)>();
        state.BeforeAvailable = _ =>
        {
            seenDuringApply.Add((state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1")));
            return Task.CompletedTask;
        };

        state.EndpointCreated("vpce-1");
        var atStart = (state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1"));
        time.Advance(TimeSpan.FromSeconds(1.9));
        var before = state.EndpointState("vpce-1");
        time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal((EndpointLifecycle.Pending, EndpointLifecycle.Pending), atStart);
        Assert.Equal(EndpointLifecycle.Pending, before);
        Assert.Equal([(EndpointLifecycle.Pending, EndpointLifecycle.Available)], seenDuringApply);
        Assert.Equal((EndpointLifecycle.Available, EndpointLifecycle.Available), (state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1")));
    }

    [Fact]
    public void a_deleted_endpoint_is_deleted_everywhere_and_one_the_lab_never_saw_created_is_available()
    {
        var state = new LabState(new FakeTimeProvider(), TimeSpan.FromSeconds(2));
        var changes = 0;
        state.Changed += () => changes++;

        state.EndpointCreated("vpce-1");
        state.EndpointDeleted("vpce-1");

        Assert.Equal((EndpointLifecycle.Deleted, EndpointLifecycle.Deleted), (state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1")));
        Assert.Equal(EndpointLifecycle.Available, state.EndpointState("vpce-seeded-in-moto"));
        Assert.Equal(2, changes);
    }

    [Fact]
    public void a_held_endpoint_stays_pending_past_its_pending_time_and_turns_available_when_the_hold_is_lifted()
    {
        var time = new FakeTimeProvider();
        var state = new LabState(time, TimeSpan.FromSeconds(2));
        state.HoldPending(true);

        state.EndpointCreated("vpce-1");
        time.Advance(TimeSpan.FromMinutes(5));
        var held = (state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1"));
        state.HoldPending(false);

        Assert.Equal((EndpointLifecycle.Pending, EndpointLifecycle.Pending), held);
        Assert.Equal((EndpointLifecycle.Available, EndpointLifecycle.Available), (state.EndpointState("vpce-1"), state.EndpointInForce("vpce-1")));
    }
}
