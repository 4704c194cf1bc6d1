using Amazon.Runtime;
using VpceProbe.Contract;
using VpceProbe.Harness.Aws;
using VpceProbe.Harness.Discovery;

namespace VpceProbe.Harness.Cli;

/// <summary>
/// Runs the body of a read-only AWS command (discover, audit, cost) and turns each kind of failure into its
/// documented exit code and one line on stderr: a wrong VPC id or profile is the user's to fix (2); an AWS
/// answer or an unreachable endpoint is infrastructure (3).
/// </summary>
internal static class AwsCommandErrors
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (VpcNotFoundException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (AwsSettingsException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (AmazonServiceException e) when (AccessDenial.From(e) is { } denial)
        {
            await error.WriteLineAsync($"error: {denial.Explain()}").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
        catch (AmazonServiceException e)
        {
            await error.WriteLineAsync($"error: AWS answered {e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}")
                .ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
        catch (AmazonClientException e)
        {
            await error.WriteLineAsync($"error: could not call AWS: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"error: could not reach the AWS endpoint: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Infrastructure;
        }
    }

    /// <summary>Reads the VPC with clients built from the command's AWS options; warnings go to stderr.</summary>
    public static async Task<VpcSnapshot> DiscoverAsync(AwsSettings settings, string vpcId, TextWriter error, CancellationToken cancellationToken)
    {
        var clients = new AwsClientFactory(settings);
        using var ec2 = clients.Ec2();
        using var ssm = clients.Ssm();
        var snapshot = await new VpcDiscoverer(ec2, ssm, settings.EffectiveRegion).DescribeAsync(vpcId, cancellationToken).ConfigureAwait(false);
        foreach (var warning in snapshot.Warnings)
        {
            await error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        }

        return snapshot;
    }
}
