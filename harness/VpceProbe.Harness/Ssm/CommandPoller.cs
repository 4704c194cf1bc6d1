using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// Polls one command's invocations with ListCommandInvocations (Details=true, 50 a page) until every awaited
/// instance has ended: one call per 50 instances per poll, where GetCommandInvocation would take one per instance.
/// One Polly pipeline: a retry paced by <see cref="PollPacer"/> while some invocation is still Pending, InProgress or
/// Delayed (or not listed yet, within the grace period) and on throttling, inside a timeout that bounds the wait.
/// The timeout firing and the caller cancelling are different ends (<see cref="InvocationEnd.WaitExpired"/>,
/// <see cref="InvocationEnd.CallerCancelled"/>).
/// </summary>
internal sealed class CommandPoller(IAmazonSimpleSystemsManagement ssm, SsmOptions options, TimeProvider time)
{
    // Set when SSM answered ListCommandInvocations with an error before ever answering it: moto and LocalStack do not
    // implement it, so their commands are polled one GetCommandInvocation per instance, as before.
    private volatile bool _listUnsupported;
    private volatile bool _listAnswered;

    /// <param name="notListed">What it means when an awaited instance never appears (not visible yet, or not selected by a tag).</param>
    public async Task<IReadOnlyDictionary<string, PolledInvocation>> PollAsync(
        string commandId, IReadOnlyCollection<string> awaited, TimeSpan dueWithin, TimeSpan maxWait, string notListed, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var latest = new Dictionary<string, CommandInvocation>(StringComparer.Ordinal);
        var pacer = new PollPacer(options, dueWithin);
        var attemptStarted = started;
        bool Ended(string id) => latest.TryGetValue(id, out var i) && SsmStatuses.End(i) is not null;
        bool Settled() => awaited.All(id => Ended(id) || (!latest.ContainsKey(id) && time.GetElapsedTime(started) >= options.NotYetVisibleGrace));

        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddTimeout(maxWait)
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: AmazonServiceException e } => TransientErrors.IsThrottling(e),
                    { Result: false } => true,
                    _ => false,
                }),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.Outcome.Exception is not null)),
                OnRetry = args =>
                {
                    options.Progress.Waiting(Awaiting(awaited.Where(id => !Ended(id)).ToList(), latest), args.AttemptNumber + 1, time.GetElapsedTime(started), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        // The pace is start to start: a listing that took 300 ms is followed 200 ms later at the due pace, so a slow
        // SSM answer does not add its own time to every pick-up. Throttled pauses are kept whole.
        TimeSpan NextDelay(bool throttled)
        {
            var delay = pacer.Next(time.GetElapsedTime(started), throttled);
            var spent = time.GetElapsedTime(attemptStarted);
            return throttled ? delay : spent >= delay ? TimeSpan.Zero : delay - spent;
        }

        (InvocationEnd End, string Message)? failure = null;
        try
        {
            await pipeline.ExecuteAsync(
                async token =>
                {
                    attemptStarted = time.GetTimestamp();
                    await RoundAsync(commandId, awaited, latest, token).ConfigureAwait(false);
                    return Settled();
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            failure = (InvocationEnd.WaitExpired, $"stopped waiting after {maxWait.TotalSeconds:0} s");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = (InvocationEnd.CallerCancelled, "cancelled by the user");
        }
        catch (AmazonServiceException e)
        {
            failure = (InvocationEnd.ApiError, $"ListCommandInvocations failed: {AccessDenial.Describe(e, "ssm:ListCommandInvocations")}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            // The SDK's own retries are spent: SSM's endpoint is unreachable from here, which is not the instance's fault.
            failure = (InvocationEnd.ApiError, $"ListCommandInvocations could not reach SSM: {e.Message}");
        }
        finally
        {
            options.Progress.Done(commandId);
        }

        return awaited.ToDictionary(id => id, id => Result(id, latest.GetValueOrDefault(id), failure, notListed), StringComparer.Ordinal);
    }

    private static PolledInvocation Result(string id, CommandInvocation? last, (InvocationEnd End, string Message)? failure, string notListed)
    {
        if (last is not null && SsmStatuses.End(last) is not null)
        {
            return new PolledInvocation(last, null, null);
        }

        if (failure is { } f)
        {
            var status = last is null ? "no status yet" : $"last status {SsmStatuses.Describe(last)}";
            return new PolledInvocation(last, f.End, f.End == InvocationEnd.WaitExpired ? $"{f.Message} ({status})" : f.Message);
        }

        return new PolledInvocation(null, InvocationEnd.NotFound, $"{notListed} ({id})");
    }

    private async Task RoundAsync(string commandId, IReadOnlyCollection<string> awaited, Dictionary<string, CommandInvocation> latest, CancellationToken cancellationToken)
    {
        if (!_listUnsupported)
        {
            try
            {
                await ListAsync(commandId, latest, cancellationToken).ConfigureAwait(false);
                _listAnswered = true;
                return;
            }
            catch (AmazonServiceException e) when (!_listAnswered && !TransientErrors.IsThrottling(e) && (int)e.StatusCode is not (401 or 403))
            {
                _listUnsupported = true;
            }
        }

        foreach (var id in awaited.Where(id => !latest.TryGetValue(id, out var i) || SsmStatuses.End(i) is null))
        {
            try
            {
                options.Calls.Add("GetCommandInvocation");
                var r = await ssm.GetCommandInvocationAsync(new() { CommandId = commandId, InstanceId = id }, cancellationToken).ConfigureAwait(false);
                latest[id] = AsListed(r);
            }
            catch (InvocationDoesNotExistException)
            {
                // Not visible yet: the grace period decides.
            }
        }
    }

    /// <summary>A GetCommandInvocation answer in the listing's shape; its output is whole (up to 24,000), not cut at 2,500.</summary>
    private static CommandInvocation AsListed(GetCommandInvocationResponse r) => new()
    {
        CommandId = r.CommandId,
        InstanceId = r.InstanceId,
        Status = r.Status,
        StatusDetails = r.StatusDetails,
        CommandPlugins =
        [
            new CommandPlugin
            {
                StatusDetails = r.StatusDetails,
                ResponseCode = r.ResponseCode,
                Output = PluginOutput.Join(r.StandardOutputContent ?? "", r.StandardErrorContent ?? ""),
            },
        ],
    };

    /// <summary>Every page of the command's invocations, latest status per instance.</summary>
    private async Task ListAsync(string commandId, Dictionary<string, CommandInvocation> latest, CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            options.Calls.Add("ListCommandInvocations");
            var page = await ssm.ListCommandInvocationsAsync(
                new ListCommandInvocationsRequest { CommandId = commandId, Details = true, MaxResults = SsmOptions.ListPageSize, NextToken = next },
                cancellationToken).ConfigureAwait(false);
            foreach (var invocation in page.CommandInvocations ?? [])
            {
                latest[invocation.InstanceId] = invocation;
            }

            next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (next is not null);
    }

    private static string Awaiting(IReadOnlyList<string> pending, Dictionary<string, CommandInvocation> latest)
    {
        string Status(string id) => latest.TryGetValue(id, out var i) ? SsmStatuses.Describe(i) : "not visible yet";
        if (pending.Count == 1)
        {
            return $"{pending[0]} to run the command (SSM: {Status(pending[0])})";
        }

        var counts = pending.GroupBy(Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return $"{pending.Count} instances to run the command (SSM: {string.Join(", ", counts)})";
    }
}

/// <summary>One awaited instance after polling: its last listed invocation, and why polling ended early if it did.</summary>
internal sealed record PolledInvocation(CommandInvocation? Last, InvocationEnd? Failure, string? Message);
