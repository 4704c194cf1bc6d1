using System.ComponentModel;
using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Ssm;

/// <summary>
/// Runs an invocation's script inside the instance namespace with /bin/sh (as the agent's aws:runShellScript
/// does) in the agent's environment only (<see cref="AgentCommandEnvironment"/>, never the daemon's), records exit code and output, and when the command names OutputS3BucketName writes the full
/// output to S3 under AWS's layout PREFIX/COMMAND/INSTANCE/awsrunShellScript/0.awsrunShellScript/stdout|stderr.
/// </summary>
internal sealed class CommandExecutor(IDataPlane dataPlane, MotoQueries moto, string region, TimeProvider time)
{
    /// <param name="architecture">The instance's (x86_64, arm64): an arm64 instance runs arm64 programs under qemu.</param>
    public async Task ExecuteAsync(CommandInvocation invocation, string namespaceName, string architecture, CancellationToken cancellationToken)
    {
        if (!invocation.TryStart(time.GetUtcNow()))
        {
            return;
        }

        var command = invocation.Command;
        NamespaceProcessResult result;
        try
        {
            result = await dataPlane.RunAsync(
                namespaceName, AgentCommandEnvironment.Wrap(
                    command.Script, invocation.InstanceId, region, command.CommandId, AgentCommandEnvironment.ForArchitecture(architecture)), command.ExecutionTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            invocation.Finish(InvocationState.Failed, 1, string.Empty, $"failed to run commands: {e.Message}", time.GetUtcNow());
            return;
        }
        catch (InvalidOperationException e)
        {
            invocation.Finish(InvocationState.Failed, 1, string.Empty, $"failed to run commands: {e.Message}", time.GetUtcNow());
            return;
        }

        if (command.OutputS3BucketName is { Length: > 0 } bucket)
        {
            await UploadAsync(invocation, bucket, result, cancellationToken).ConfigureAwait(false);
        }

        // The agent reports an execution timeout with exit code -1 and "Command execution timed out".
        var state = result.TimedOut ? InvocationState.ExecutionTimedOut : result.ExitCode == 0 ? InvocationState.Success : InvocationState.Failed;
        var stderr = result.TimedOut ? result.StandardError + "\nfailed to run commands: command timed out" : result.StandardError;
        invocation.Finish(state, result.TimedOut ? -1 : result.ExitCode, result.StandardOutput, stderr, time.GetUtcNow());
    }

    public static string OutputKey(CommandInvocation invocation, string stream)
    {
        var prefix = invocation.Command.OutputS3KeyPrefix is { Length: > 0 } p ? p.TrimEnd('/') + "/" : string.Empty;
        return $"{prefix}{invocation.Command.CommandId}/{invocation.InstanceId}/awsrunShellScript/0.awsrunShellScript/{stream}";
    }

    private async Task UploadAsync(CommandInvocation invocation, string bucket, NamespaceProcessResult result, CancellationToken cancellationToken)
    {
        try
        {
            await moto.PutObjectAsync(bucket, OutputKey(invocation, "stdout"), result.StandardOutput, cancellationToken).ConfigureAwait(false);
            if (result.StandardError.Length > 0)
            {
                await moto.PutObjectAsync(bucket, OutputKey(invocation, "stderr"), result.StandardError, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException)
        {
            // As with the real agent, a failed upload (no such bucket) does not change the command's outcome.
        }
    }
}
