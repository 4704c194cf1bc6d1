using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using VpceProbe.Harness.Aws;

namespace VpceProbe.Harness.Transport;

/// <summary>
/// Sends one plain command with AWS-RunShellScript to instances (at most 50 per SendCommand) and brings back
/// how each invocation ended and what it printed. Used by the SSM transport (the agent) and by deployment.
/// </summary>
public sealed class SsmCommandRunner(IAmazonSimpleSystemsManagement ssm, IAmazonS3 s3, SsmOptions options, TimeProvider time)
{
    public const string DocumentName = "AWS-RunShellScript";

    private readonly SsmOptions _options = options.Validated();
    private readonly InvocationPoller _poller = new(ssm, options, time);
    private readonly SsmOutputReader _output = new(s3);

    public SsmOptions Options => _options;

    /// <summary>One result per instance, in the order given. SSM trouble is data in the result, never an exception.</summary>
    public async Task<IReadOnlyList<SsmInvocation>> RunAsync(IReadOnlyList<string> instanceIds, SsmCommand command, CancellationToken cancellationToken)
    {
        var batches = instanceIds.Distinct(StringComparer.Ordinal).Chunk(SsmOptions.MaxTargetsPerCommand).Select(batch => RunBatchAsync(batch, command, cancellationToken));
        var results = (await Task.WhenAll(batches).ConfigureAwait(false)).SelectMany(r => r).ToDictionary(r => r.InstanceId, StringComparer.Ordinal);
        return [.. instanceIds.Select(id => results[id])];
    }

    private async Task<IEnumerable<SsmInvocation>> RunBatchAsync(string[] batch, SsmCommand command, CancellationToken cancellationToken)
    {
        var request = Request(batch, command);
        string commandId;
        try
        {
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
        var polls = batch.Select(id => FinishAsync(commandId, id, request, maxWait, cancellationToken));
        var results = await Task.WhenAll(polls).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            await CancelQuietlyAsync(commandId).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<SsmInvocation> FinishAsync(string commandId, string instanceId, SendCommandRequest request, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var (last, failure, message) = await _poller.PollAsync(commandId, instanceId, maxWait, cancellationToken).ConfigureAwait(false);
        var end = failure ?? SsmStatuses.End(last!)!.Value;
        var stdout = last?.StandardOutputContent ?? "";
        var code = last is { ResponseCode: >= 0 } ? last.ResponseCode : null;
        if (request.OutputS3BucketName is { } bucket && SsmOutputReader.MayBeTruncated(stdout) && end is InvocationEnd.Success or InvocationEnd.Failed)
        {
            var (full, error) = await _output.ReadStdoutAsync(bucket, request.OutputS3KeyPrefix, commandId, instanceId, cancellationToken).ConfigureAwait(false);
            (stdout, message) = full is null ? (stdout, error) : (full, message);
        }

        return new SsmInvocation(instanceId, commandId, end, code, stdout, last?.StandardErrorContent ?? "", last is null ? null : SsmStatuses.Describe(last), message);
    }

    private SendCommandRequest Request(string[] batch, SsmCommand command)
    {
        var request = new SendCommandRequest
        {
            DocumentName = DocumentName,
            InstanceIds = [.. batch],
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
            await ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = commandId }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AmazonSimpleSystemsManagementException)
        {
            // Already finished or never known: nothing left to cancel, and the user asked to stop anyway.
        }
    }
}
