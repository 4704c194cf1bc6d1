using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Ssm;

/// <summary>
/// Sends one plain command with AWS-RunShellScript to instances and brings back how each invocation ended and what
/// it printed. Instance ids go at most 50 per SendCommand, all batches in flight at once; with a
/// <see cref="TagTarget"/> one SendCommand targets the tag and SSM fans out. Each command is polled with
/// ListCommandInvocations (<see cref="CommandPoller"/>); GetCommandInvocation is called only for an instance whose
/// listed output may be cut, and S3 only when that may be cut too. Used by the SSM transport and by deployment.
/// SSM calls per command for N instances: 1 SendCommand, ceil(N/50) ListCommandInvocations per poll, one
/// GetCommandInvocation per instance whose output passes 2,400 characters (every agent report does).
/// </summary>
internal sealed class SsmCommandRunner(IAmazonSimpleSystemsManagement ssm, IAmazonS3 s3, SsmOptions options, TimeProvider time)
{
    public const string DocumentName = "AWS-RunShellScript";

    // Eventual consistency settles in well under a second on AWS; ten asks at the due pace is about five seconds.
    private const int NotYetReadableAttempts = 10;

    private readonly SsmOptions _options = options.Validated();
    private readonly CommandPoller _poller = new(ssm, options, time);
    private readonly SsmOutputReader _output = new(s3);

    public SsmOptions Options => _options;

    /// <summary>One result per instance, in the order given. SSM trouble is data in the result, never an exception.</summary>
    public async Task<IReadOnlyList<SsmInvocation>> RunAsync(IReadOnlyList<string> instanceIds, SsmCommand command, CancellationToken cancellationToken)
    {
        var distinct = instanceIds.Distinct(StringComparer.Ordinal).ToArray();
        var batches = _options.TagTarget is null ? distinct.Chunk(SsmOptions.MaxTargetsPerCommand) : [distinct];
        var results = (await Task.WhenAll(batches.Select(batch => RunBatchAsync(batch, command, cancellationToken))).ConfigureAwait(false))
            .SelectMany(r => r).ToDictionary(r => r.InstanceId, StringComparer.Ordinal);
        return [.. instanceIds.Select(id => results[id])];
    }

    private async Task<IEnumerable<SsmInvocation>> RunBatchAsync(string[] batch, SsmCommand command, CancellationToken cancellationToken)
    {
        if (batch.Length == 0)
        {
            return [];
        }

        var request = Request(batch, command);
        string commandId;
        try
        {
            _options.Calls.Add("SendCommand");
            commandId = (await ssm.SendCommandAsync(request, cancellationToken).ConfigureAwait(false)).Command.CommandId;
        }
        catch (InvalidInstanceIdException e)
        {
            return batch.Select(id => new SsmInvocation(id, null, InvocationEnd.Rejected, null, "", "", null, e.Message));
        }
        catch (AmazonServiceException e)
        {
            return batch.Select(id => new SsmInvocation(id, null, InvocationEnd.ApiError, null, "", "", null, $"SendCommand failed: {AccessDenial.Describe(e, "ssm:SendCommand")}"));
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            return batch.Select(id => new SsmInvocation(id, null, InvocationEnd.ApiError, null, "", "", null, $"SendCommand could not reach SSM: {e.Message}"));
        }

        var maxWait = _options.DeliveryTimeout + command.ExecutionTimeout + _options.WaitMargin;
        var notListed = _options.TagTarget is { } tag
            ? $"SSM's tag target tag:{tag.Key}={tag.Value} did not select this instance (is it tagged, running and managed by SSM?)"
            : $"SSM still had no invocation {_options.NotYetVisibleGrace.TotalSeconds:0} s after sending";
        var polled = await _poller.PollAsync(commandId, batch, command.Due, maxWait, notListed, cancellationToken).ConfigureAwait(false);
        var results = await Task.WhenAll(batch.Select(id => FinishAsync(commandId, id, polled[id], request, cancellationToken))).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(commandId).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<SsmInvocation> FinishAsync(string commandId, string instanceId, PolledInvocation polled, SendCommandRequest request, CancellationToken cancellationToken)
    {
        var last = polled.Last;
        var end = polled.Failure ?? SsmStatuses.End(last!)!.Value;
        var plugin = last?.CommandPlugins?.FirstOrDefault();
        var code = plugin is { ResponseCode: >= 0 } ? plugin.ResponseCode : null;
        var (stdout, stderr) = PluginOutput.Split(plugin?.Output ?? "");
        var message = polled.Message;
        var ran = polled.Failure is null && end is InvocationEnd.Success or InvocationEnd.Failed;
        if (ran && PluginOutput.MayBeCut(plugin?.Output ?? ""))
        {
            (stdout, stderr, message) = await ReadInvocationAsync(commandId, instanceId, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (request.OutputS3BucketName is { } bucket && SsmOutputReader.MayBeTruncated(stdout) && ran)
        {
            var (full, error) = await _output.ReadStdoutAsync(bucket, request.OutputS3KeyPrefix, commandId, instanceId, cancellationToken).ConfigureAwait(false);
            (stdout, message) = full is null ? (stdout, error) : (full, message);
        }

        return new SsmInvocation(instanceId, commandId, end, code, stdout, stderr, last is null ? null : SsmStatuses.Describe(last), message);
    }

    /// <summary>
    /// GetCommandInvocation for an ended invocation whose listed output may be cut; the listed output stays if it fails.
    /// The two calls are not read from one consistent view: GetCommandInvocation may still answer InvocationDoesNotExist
    /// for an invocation the listing already shows ended (as it does right after SendCommand, aws/aws-sdk#86), so that
    /// answer is asked again at the due pace, a few times within <see cref="SsmOptions.NotYetVisibleGrace"/>.
    /// </summary>
    private async Task<(string Stdout, string Stderr, string? Message)> ReadInvocationAsync(
        string commandId, string instanceId, string listedStdout, string listedStderr, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _options.Calls.Add("GetCommandInvocation");
                var full = await ssm.GetCommandInvocationAsync(new() { CommandId = commandId, InstanceId = instanceId }, cancellationToken).ConfigureAwait(false);
                return (full.StandardOutputContent ?? "", full.StandardErrorContent ?? "", null);
            }
            catch (InvocationDoesNotExistException) when (attempt < NotYetReadableAttempts && time.GetElapsedTime(started) < _options.NotYetVisibleGrace)
            {
                await Task.Delay(_options.PollDueDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                var why = e is AmazonServiceException service ? AccessDenial.Describe(service, "ssm:GetCommandInvocation") : e.Message;
                return (listedStdout, listedStderr, $"the output was cut at 2,500 characters in the listing and GetCommandInvocation failed: {why}");
            }
        }
    }


    private SendCommandRequest Request(string[] batch, SsmCommand command)
    {
        var request = new SendCommandRequest
        {
            DocumentName = DocumentName,
            Comment = command.Comment.Length > 100 ? command.Comment[..100] : command.Comment,
            Parameters = new Dictionary<string, List<string>>
            {
                ["commands"] = [command.Command.Text],
                ["executionTimeout"] = [((int)Math.Ceiling(command.ExecutionTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)],
            },
            TimeoutSeconds = (int)_options.DeliveryTimeout.TotalSeconds,

            // MaxErrors defaults to 0, and the agent exits 1 whenever an expectation fails: with the default, the
            // first such instance would make SSM terminate the invocations of all the others.
            MaxErrors = "100%",
            MaxConcurrency = "100%",
        };
        if (_options.TagTarget is { } tag)
        {
            request.Targets = [new Target { Key = $"tag:{tag.Key}", Values = [tag.Value] }];
            request.MaxConcurrency = tag.MaxConcurrency;
            request.MaxErrors = tag.MaxErrors;
        }
        else
        {
            request.InstanceIds = [.. batch];
        }

        if (command.OutputToS3 && _options.OutputBucket is { } bucket)
        {
            request.OutputS3BucketName = bucket;
            request.OutputS3KeyPrefix = _options.OutputKeyPrefix;
        }

        return request;
    }

    private async Task CancelQuietlyAsync(string commandId)
    {
        try
        {
            _options.Calls.Add("CancelCommand");
            await ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = commandId }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AmazonSimpleSystemsManagementException)
        {
            // Already finished or never known: nothing left to cancel, and the user asked to stop anyway.
        }
    }
}
