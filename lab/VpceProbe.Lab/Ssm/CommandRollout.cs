using System.Globalization;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// SendCommand's rate controls as SSM applies them: at most MaxConcurrency invocations run at once (the others wait
/// Pending), and once more than MaxErrors have failed or timed out, the invocations not sent yet end Terminated.
/// A number or a percentage of the targets for each; a percentage of concurrency rounds up and is at least one
/// (https://docs.aws.amazon.com/systems-manager/latest/userguide/send-commands-velocity.html).
/// </summary>
internal static class CommandRollout
{
    /// <summary>"10" or "10%" of <paramref name="targets"/>; null when it is neither.</summary>
    public static int? Parse(string? value, int targets, bool atLeastOne)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        int n;
        if (value.EndsWith('%'))
        {
            if (!int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                return null;
            }

            n = (int)Math.Ceiling(targets * percent / 100.0);
        }
        else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n))
        {
            return null;
        }

        return atLeastOne ? Math.Max(n, 1) : n;
    }

    /// <summary>Delivers every invocation of the command within its rate controls; returns when all have been let go.</summary>
    public static async Task RunAsync(
        SsmCommand command, int maxConcurrency, int maxErrors, Func<CommandInvocation, Task> deliver, TimeProvider time, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var running = new List<Task>();
        foreach (var invocation in command.Invocations)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Errors(command) > maxErrors)
            {
                gate.Release();
                invocation.Release();
                invocation.TryEndUndelivered(InvocationState.Terminated, time.GetUtcNow());
                continue;
            }

            invocation.Release();
            running.Add(RunOneAsync(invocation));
        }

        await Task.WhenAll(running).ConfigureAwait(false);

        async Task RunOneAsync(CommandInvocation invocation)
        {
            try
            {
                await deliver(invocation).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    // Failed and timed-out invocations count against MaxErrors; delivery timeouts do not (Understanding command statuses).
    private static int Errors(SsmCommand command) =>
        command.Invocations.Count(i => i.State == InvocationState.Failed || i.State == InvocationState.ExecutionTimedOut);
}
