namespace VpceProbe.Lab.Ssm;

/// <summary>
/// One command on one instance. Mutable, guarded by its own lock: the agent fleet moves it through
/// Pending → InProgress → a terminal state while API calls read it.
/// </summary>
public sealed class CommandInvocation(SsmCommand command, string instanceId)
{
    private readonly object _gate = new();

    public SsmCommand Command { get; } = command;

    public string InstanceId { get; } = instanceId;

    public InvocationState State { get; private set; } = InvocationState.Pending;

    public int ResponseCode { get; private set; } = -1;

    public string StandardOutput { get; private set; } = string.Empty;

    public string StandardError { get; private set; } = string.Empty;

    public DateTimeOffset? ExecutionStart { get; private set; }

    public DateTimeOffset? ExecutionEnd { get; private set; }

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

            State = InvocationState.InProgress;
            ExecutionStart = now;
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

            (State, ResponseCode, StandardOutput, StandardError, ExecutionEnd) = (state, responseCode, stdout, stderr, now);
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

            (State, ExecutionEnd) = (state, now);
            return true;
        }
    }
}
