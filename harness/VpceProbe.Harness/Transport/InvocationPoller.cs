using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Polls GetCommandInvocation for one instance until the invocation ends, through one Polly pipeline: a retry
/// with exponential backoff while SSM says Pending, InProgress or Delayed (or InvocationDoesNotExist within the
/// grace period), inside a timeout that bounds the whole wait. The timeout firing and the caller cancelling are
/// different ends (<see cref="InvocationEnd.WaitExpired"/>, <see cref="InvocationEnd.CallerCancelled"/>).
/// </summary>
internal sealed class InvocationPoller(IAmazonSimpleSystemsManagement ssm, SsmOptions options, TimeProvider time)
{
    public async Task<(GetCommandInvocationResponse? Last, InvocationEnd? Failure, string? Message)> PollAsync(
        string commandId, string instanceId, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        GetCommandInvocationResponse? last = null;
        var pipeline = new ResiliencePipelineBuilder<GetCommandInvocationResponse> { TimeProvider = time }
            .AddTimeout(maxWait)
            .AddRetry(new RetryStrategyOptions<GetCommandInvocationResponse>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: InvocationDoesNotExistException } => time.GetElapsedTime(started) < options.NotYetVisibleGrace,
                    { Result: { } response } => !SsmStatuses.IsEnd(response),
                    _ => false,
                }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = options.PollInitialDelay,
                MaxDelay = options.PollMaxDelay,
                OnRetry = args =>
                {
                    var status = args.Outcome.Result is { } response ? SsmStatuses.Describe(response) : "not visible yet";
                    options.Progress.Waiting($"{instanceId} to run the command (SSM: {status})", args.AttemptNumber + 1, time.GetElapsedTime(started), args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        try
        {
            var response = await pipeline.ExecuteAsync(
                async token => last = await ssm.GetCommandInvocationAsync(new() { CommandId = commandId, InstanceId = instanceId }, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return (response, null, null);
        }
        catch (InvocationDoesNotExistException)
        {
            return (null, InvocationEnd.NotFound, $"SSM still had no invocation for {instanceId} {options.NotYetVisibleGrace.TotalSeconds:0} s after sending");
        }
        catch (TimeoutRejectedException)
        {
            var status = last is null ? "no status yet" : $"last status {SsmStatuses.Describe(last)}";
            return (last, InvocationEnd.WaitExpired, $"stopped waiting after {maxWait.TotalSeconds:0} s ({status})");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (last, InvocationEnd.CallerCancelled, "cancelled by the user");
        }
        catch (AmazonServiceException e)
        {
            return (last, InvocationEnd.ApiError, $"GetCommandInvocation failed: {AccessDenial.Describe(e, "ssm:GetCommandInvocation")}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            // The SDK's own retries are spent: SSM's endpoint is unreachable from here, which is not the instance's fault.
            return (last, InvocationEnd.ApiError, $"GetCommandInvocation could not reach SSM: {e.Message}");
        }
        finally
        {
            options.Progress.Done(instanceId);
        }
    }
}
