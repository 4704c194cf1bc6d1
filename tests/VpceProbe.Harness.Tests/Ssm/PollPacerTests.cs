using VpceProbe.Harness.Ssm;

namespace VpceProbe.Harness.Tests.Ssm;

/// <summary>The poll pace as arithmetic on elapsed time: no clock, no SSM.</summary>
public class PollPacerTests
{
    private static readonly SsmOptions Options = new()
    {
        PollDueDelay = TimeSpan.FromMilliseconds(500), PollInitialDelay = TimeSpan.FromSeconds(1), PollMaxDelay = TimeSpan.FromSeconds(10),
    };

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void while_results_are_due_it_polls_every_half_second()
    {
        var pacer = new PollPacer(Options with { PollFirstDelay = TimeSpan.Zero }, dueWithin: S(35));

        Assert.All([0, 0.5, 1, 10, 34.9], t => Assert.Equal(S(0.5), pacer.Next(S(t), throttled: false)));
    }

    [Fact]
    public void the_first_pauses_after_sending_ramp_up_to_the_due_pace()
    {
        var pacer = new PollPacer(Options with { PollFirstDelay = TimeSpan.FromMilliseconds(100) }, dueWithin: S(35));

        var delays = new[] { 0, 0.1, 0.3, 0.7, 1.2, 1.7 }.Select(t => pacer.Next(S(t), throttled: false).TotalSeconds);

        Assert.Equal([0.1, 0.2, 0.4, 0.5, 0.5, 0.5], delays);
    }

    [Fact]
    public void past_the_due_bound_it_backs_off_doubling_to_the_maximum()
    {
        var pacer = new PollPacer(Options, dueWithin: S(5));

        var delays = new[] { 5, 6, 8, 12, 20, 30, 40 }.Select(t => pacer.Next(S(t), throttled: false).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 10, 10, 10], delays);
    }

    [Fact]
    public void throttling_doubles_the_pause_from_at_least_a_second_and_recovers_one_step_per_answered_poll()
    {
        var pacer = new PollPacer(Options, dueWithin: S(60));

        var throttled = new[] { true, true, true }.Select(t => pacer.Next(S(1), t).TotalSeconds).ToList();
        var recovering = new[] { false, false, false, false }.Select(t => pacer.Next(S(1), t).TotalSeconds).ToList();

        Assert.Equal([2, 4, 8], throttled);
        Assert.Equal([4, 2, 0.5, 0.5], recovering);
    }

    [Fact]
    public void a_throttled_pause_never_passes_a_minute()
    {
        var pacer = new PollPacer(Options, dueWithin: S(0));

        var delays = Enumerable.Range(0, 40).Select(_ => pacer.Next(S(100), throttled: true)).ToList();

        Assert.Equal(TimeSpan.FromSeconds(2), delays[0]);
        var last = delays[^1];

        Assert.Equal(PollPacer.MaxThrottledDelay, last);
    }
}
