namespace VpceProbe.Harness.Reports.Terminal;

/// <summary>
/// Tells a person what a wait is waiting for. Endpoints take minutes to become available, and a silent
/// terminal for that long looks hung; machines reading the output want no progress noise, so only an
/// interactive console gets it (<see cref="For"/>).
/// </summary>
internal abstract class WaitProgress
{
    /// <summary>Prints nothing: redirected output, tests, CI logs.</summary>
    public static WaitProgress None { get; } = new Silent();

    /// <summary>A one-line progress on <paramref name="error"/> when it is a terminal, else <see cref="None"/>.</summary>
    public static WaitProgress For(TextWriter error, bool interactive) => interactive ? new ConsoleLine(error) : None;

    /// <summary>One more poll of <paramref name="what"/> found it not ready yet.</summary>
    public abstract void Waiting(string what, int attempt, TimeSpan elapsed, TimeSpan nextPoll);

    /// <summary>The wait for <paramref name="what"/> ended (ready, timed out or cancelled).</summary>
    public abstract void Done(string what);

    private sealed class Silent : WaitProgress
    {
        public override void Waiting(string what, int attempt, TimeSpan elapsed, TimeSpan nextPoll)
        {
        }

        public override void Done(string what)
        {
        }
    }

    // Rewrites one line with \r, so a long wait is one line that ticks, not a scrolling log.
    private sealed class ConsoleLine(TextWriter error) : WaitProgress
    {
        public override void Waiting(string what, int attempt, TimeSpan elapsed, TimeSpan nextPoll) =>
            error.Write(FormattableString.Invariant($"\r  waiting for {what}: {elapsed.TotalSeconds:0}s, poll {attempt}, next in {nextPoll.TotalSeconds:0.#}s   "));

        public override void Done(string what) => error.Write("\r" + new string(' ', 100) + "\r");
    }
}
