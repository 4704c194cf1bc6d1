using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Preflight;

/// <summary>
/// The SSM and S3 calls a run with the ssm transport makes, each proven by the cheapest call AWS authorizes and
/// that changes nothing. SSM and S3 have no DryRun, so each probe relies on an answer AWS gives only after it has
/// authorized the request:
/// <list type="bullet">
/// <item>ssm:SendCommand: AWS-RunShellScript to the run's targets with no "commands", a parameter the document
/// requires: SSM answers InvalidParameters ("You must specify values for all required parameters in the SSM
/// document", https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_SendCommand.html) and runs
/// nothing. AWS does not document the order of its checks; SSM can only read the document's parameters after it
/// has authorized the caller on that document (a resource of the action), so InvalidParameters is read as
/// authorized. Were the order ever the other way round, the probe would prove less, never refuse wrongly.
/// InvalidInstanceId on targets that discovery saw Online is SSM's answer for nodes the caller may not send to
/// (the same page: "You don't have permission to access the managed node"), so it refuses too.</item>
/// <item>ssm:GetCommandInvocation: a command id that cannot exist; authorized, it answers InvocationDoesNotExist.</item>
/// <item>ssm:ListCommandInvocations: one page of one invocation of the first target; a read.</item>
/// <item>s3:ListBucket: ListObjectsV2 with max-keys 0 under the run's prefix; lists nothing.</item>
/// <item>s3:GetObject: HeadObject of a key that does not exist under the prefix: 404 when allowed (with
/// s3:ListBucket; without it S3 answers 403 whatever s3:GetObject says, https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
/// so a GetObject refusal is only believed once ListBucket on that bucket is proven).</item>
/// </list>
/// s3:PutObject of the staging bucket has no harmless call: it is made by the agent upload of the baseline phase,
/// before any change to the VPC, and a refusal there stops the run there (the baseline gate).
/// </summary>
internal sealed class SsmPermissionProbes(IAmazonSimpleSystemsManagement ssm, IAmazonS3 s3, string stagingBucket, string? outputBucket, string outputPrefix)
{
    /// <summary>A well-formed command id no command has (SSM's ids are UUIDs).</summary>
    public const string AbsentCommandId = "00000000-0000-0000-0000-000000000000";

    public const string AgentPrefix = "vpceprobe/agent/";

    private const string AbsentKey = "vpceprobe-preflight-absent-object";

    public IReadOnlyList<ServicePermissionProbe> For(PreflightInput input)
    {
        var targets = input.Targets.Select(t => t.Id).Distinct(StringComparer.Ordinal).Take(Ssm.SsmOptions.MaxTargetsPerCommand).ToList();
        if (targets.Count == 0)
        {
            return [];
        }

        var region = input.Vpc.Region;
        var document = $"arn:aws:ssm:{region}::document/{Ssm.SsmCommandRunner.DocumentName}";
        var probes = new List<ServicePermissionProbe>
        {
            new("ssm:SendCommand", $"{document} and instance/{string.Join(",", targets)}", "iam/run.json", "running the agent on the targets",
                ct => SendWithoutCommandsAsync(targets, null, ct), "InvalidParameters"),
            new("ssm:ListCommandInvocations", "*", "iam/run.json", "following the agent's commands", async ct =>
            {
                await ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { InstanceId = targets[0], MaxResults = 1 }, ct).ConfigureAwait(false);
                return (ProbeAnswer.Proven, "listed");
            }),
            new("ssm:GetCommandInvocation", "*", "iam/run.json", "reading the agent's reports", async ct =>
            {
                await ssm.GetCommandInvocationAsync(new() { CommandId = AbsentCommandId, InstanceId = targets[0] }, ct).ConfigureAwait(false);
                return (ProbeAnswer.Unknown, $"answered for command {AbsentCommandId}, which cannot exist");
            }, "InvocationDoesNotExist"),
        };
        probes.AddRange(BucketProbes(stagingBucket, AgentPrefix, "iam/agent-deploy.json", "staging the agent for the instances"));
        if (outputBucket is not null)
        {
            // SendCommand is authorized on the output bucket it names as well (its "bucket" resource type).
            probes.Add(new("ssm:SendCommand", $"arn:aws:s3:::{outputBucket}", "iam/output-bucket.json", "commands that write their output to the output bucket",
                ct => SendWithoutCommandsAsync(targets, outputBucket, ct), "InvalidParameters"));
            probes.AddRange(BucketProbes(outputBucket, outputPrefix.TrimEnd('/') + "/", "iam/output-bucket.json", "reading reports longer than 24,000 characters"));
        }

        return probes;
    }

    private IEnumerable<ServicePermissionProbe> BucketProbes(string bucket, string prefix, string file, string why)
    {
        yield return new("s3:ListBucket", $"arn:aws:s3:::{bucket}", file, why, async ct =>
        {
            await s3.ListObjectsV2Async(new() { BucketName = bucket, Prefix = prefix, MaxKeys = 0 }, ct).ConfigureAwait(false);
            return (ProbeAnswer.Proven, "listed");
        });
        yield return new("s3:GetObject", $"arn:aws:s3:::{bucket}/{prefix}*", file, why, async ct =>
        {
            try
            {
                await s3.GetObjectMetadataAsync(bucket, prefix + AbsentKey, ct).ConfigureAwait(false);
                return (ProbeAnswer.Proven, "found");
            }
            catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return (ProbeAnswer.Proven, "NotFound");
            }
        });
    }

    private async Task<(ProbeAnswer, string)> SendWithoutCommandsAsync(List<string> targets, string? bucket, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await ssm.SendCommandAsync(
                new()
                {
                    DocumentName = Ssm.SsmCommandRunner.DocumentName, InstanceIds = targets, Comment = "vpceprobe preflight: no commands, refused by SSM",
                    OutputS3BucketName = bucket, OutputS3KeyPrefix = bucket is null ? null : outputPrefix,
                },
                cancellationToken).ConfigureAwait(false);
            // An endpoint that does not check the document's parameters sent it: take it back, it proves nothing.
            await ssm.CancelCommandAsync(new CancelCommandRequest { CommandId = sent.Command.CommandId }, cancellationToken).ConfigureAwait(false);
            return (ProbeAnswer.Unknown, "the endpoint accepted a command without its required parameter (an emulator?); it was cancelled");
        }
        catch (InvalidInstanceIdException e)
        {
            return (ProbeAnswer.Refused, $"InvalidInstanceId: {e.Message}");
        }
    }

    /// <summary>Runs one probe and reads its answer; an AWS error is read by the codes the probe expects.</summary>
    public static async Task<(ProbeAnswer Answer, string Detail)> AskAsync(ServicePermissionProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return await probe.Call(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            return ProbeAnswers.Of(e, [.. probe.ProvenBy]);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            return (ProbeAnswer.Unknown, $"could not reach the endpoint: {e.Message}");
        }
    }
}
