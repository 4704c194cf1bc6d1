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
