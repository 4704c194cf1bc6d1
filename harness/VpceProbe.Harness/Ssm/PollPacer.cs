namespace VpceProbe.Harness.Ssm;

/// <summary>
/// How long to wait before the next ListCommandInvocations of one command. While results are due (from sending
/// until the command's own bound: the plan's deadline for the agent, a few seconds for a deploy step) it polls every
/// <see cref="SsmOptions.PollDueDelay"/>, so a result is read within that of finishing; the first pauses ramp up to
/// that pace from <see cref="SsmOptions.PollFirstDelay"/> (doubling), because a file step ends a few hundred
/// milliseconds after it is sent and would otherwise wait a whole due pause for its read; past that bound nothing is
/// expected any moment, so it backs off from <see cref="SsmOptions.PollInitialDelay"/> doubling to
/// <see cref="SsmOptions.PollMaxDelay"/>. Throttling (after the SDK's own retries) doubles the pause per throttle
/// and gives one doubling back per answered poll (additive recovery), so a fleet of commands settles under SSM's
/// rate instead of oscillating against it. Pure arithmetic on elapsed time: tests need no clock.
/// </summary>
internal sealed class PollPacer(SsmOptions options, TimeSpan dueWithin)
{
    private int _pollsPastDue;
    private int _pollsDue;
    private int _throttleLevel;

    /// <summary>Throttled pauses stop growing here: a minute between polls still ends a long wait in time.</summary>
    public static readonly TimeSpan MaxThrottledDelay = TimeSpan.FromSeconds(60);

    public TimeSpan Next(TimeSpan elapsed, bool throttled)
    {
        _throttleLevel = throttled ? Math.Min(_throttleLevel + 1, 16) : Math.Max(_throttleLevel - 1, 0);
        TimeSpan delay;
        if (elapsed < dueWithin)
        {
            delay = options.PollFirstDelay is { Ticks: > 0 } first && first < options.PollDueDelay
                ? Doubled(first, _pollsDue++, options.PollDueDelay)
                : options.PollDueDelay;
        }
        else
        {
            delay = Doubled(options.PollInitialDelay, _pollsPastDue++, options.PollMaxDelay);
        }

        if (_throttleLevel == 0)
        {
            return delay;
        }

        // Never faster than a second once SSM has said "slow down", whatever the due pace is.
        var floor = Max(delay, Max(options.PollInitialDelay, TimeSpan.FromSeconds(1)));
        return Doubled(floor, _throttleLevel, MaxThrottledDelay);
    }

    private static TimeSpan Doubled(TimeSpan start, int times, TimeSpan cap) =>
        start <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Min(cap.Ticks, start.Ticks * Math.Pow(2, Math.Min(times, 30))));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
