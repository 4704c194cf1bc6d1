namespace VpceProbe.Lab.Ssm;

/// <summary>
/// One command on one instance. Mutable, guarded by its own lock: the agent fleet moves it through
/// Pending → InProgress → a terminal state while API calls read it.
/// </summary>
internal sealed class CommandInvocation(SsmCommand command, string instanceId)
{
    private readonly object _gate = new();

    public SsmCommand Command { get; } = command;

    public string InstanceId { get; } = instanceId;

    // Everything an API answer shows, replaced as one reference: a reader that sees a terminal State also sees its
    // output (assigning the fields one by one let GetCommandInvocation answer Success with an empty output).
    private InvocationOutcome _outcome = new(InvocationState.Pending, -1, string.Empty, string.Empty, null, null);

    /// <summary>State, output and times as one consistent view: an API answer reads this once, never field by field.</summary>
    public InvocationOutcome Current => Volatile.Read(ref _outcome);

    public InvocationState State => Current.State;

    public int ResponseCode => Current.ResponseCode;

    public string StandardOutput => Current.StandardOutput;

    public string StandardError => Current.StandardError;

    public DateTimeOffset? ExecutionStart => Current.ExecutionStart;

    public DateTimeOffset? ExecutionEnd => Current.ExecutionEnd;

    /// <summary>Waiting for the command's MaxConcurrency to let it go: not delivered until then (<see cref="CommandRollout"/>).</summary>
    public bool Held { get; private set; }

    public void Hold() => Held = true;

    public void Release() => Held = false;

    /// <summary>When an API answer first showed this invocation ended: minus <see cref="ExecutionEnd"/>, the caller's pick-up delay.</summary>
    public DateTimeOffset? FirstReadEnded { get; private set; }

    /// <summary>Notes that an answer is showing the invocation; only the first answer after its end counts.</summary>
    public void MarkRead(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (State.IsTerminal && FirstReadEnded is null)
            {
                FirstReadEnded = now;
            }
        }
    }

    /// <summary>Moves Pending (or Delayed) to InProgress; false when the invocation is no longer waiting (cancelled, timed out).</summary>
    public bool TryStart(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (State != InvocationState.Pending && State != InvocationState.Delayed)
            {
                return false;
            }

            Volatile.Write(ref _outcome, Current with { State = InvocationState.InProgress, ExecutionStart = now });
            return true;
        }
    }

    public void Finish(InvocationState state, int responseCode, string stdout, string stderr, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (State.IsTerminal)
            {
                return;
            }

            Volatile.Write(ref _outcome, Current with
            {
                State = state, ResponseCode = responseCode, StandardOutput = stdout, StandardError = stderr, ExecutionEnd = now,
            });
        }
    }

    /// <summary>Ends a waiting invocation without running it (delivery timeout, undeliverable, cancel); false if it already started or ended.</summary>
    public bool TryEndUndelivered(InvocationState state, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (State != InvocationState.Pending && State != InvocationState.Delayed)
            {
                return false;
            }

            Volatile.Write(ref _outcome, Current with { State = state, ExecutionEnd = now });
            return true;
        }
    }
}
