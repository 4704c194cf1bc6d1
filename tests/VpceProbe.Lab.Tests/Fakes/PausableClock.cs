namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>
/// The system's time, except that the wall clock can be stopped: timers and delays keep running (heartbeats go on),
/// while everything that compares <see cref="GetUtcNow"/> readings sees no time pass until <see cref="Resume"/>.
/// For asserting what holds "right after" a call without racing a loaded machine's scheduler.
/// </summary>
public sealed class PausableClock : TimeProvider
{
    private long _stoppedAtTicks; // 0: running (read by the gateway's threads)

    public void Pause() => Volatile.Write(ref _stoppedAtTicks, System.GetUtcNow().UtcTicks);

    public void Resume() => Volatile.Write(ref _stoppedAtTicks, 0);

    public override DateTimeOffset GetUtcNow() =>
        Volatile.Read(ref _stoppedAtTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : System.GetUtcNow();
}
