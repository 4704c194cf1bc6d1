using System.Net;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Discovery;

/// <summary>SSM's PingStatus by instance id; instances SSM does not know are absent.</summary>
/// <param name="Warning">Set when SSM could not be asked: then every status is unknown, which is not the same as offline.</param>
internal sealed record SsmPingStatuses(IReadOnlyDictionary<string, string> Statuses, string? Warning)
{
    /// <summary>The SSM agent's version by instance id, where SSM said it (which endpoints the agent needs depends on it).</summary>
    public IReadOnlyDictionary<string, string> AgentVersions { get; init; } = new Dictionary<string, string>();
}

/// <summary>Asks SSM which instances are managed and online (DescribeInstanceInformation, 50 ids per call).</summary>
internal sealed class SsmPingStatusReader(IAmazonSimpleSystemsManagement ssm)
{
    private const int MaxIdsPerFilter = 50;
    private const string UnsupportedWarning =
        "SSM DescribeInstanceInformation is not implemented by this endpoint (an emulator such as moto?): SSM ping status unknown.";
    private const string DeniedWarning =
        "SSM DescribeInstanceInformation was denied ({0}): SSM ping status unknown; grant ssm:DescribeInstanceInformation to see it.";

    public async Task<SsmPingStatuses> ReadAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, string>();
        var versions = new Dictionary<string, string>();
        try
        {
            foreach (var chunk in instanceIds.Chunk(MaxIdsPerFilter))
            {
                var request = new DescribeInstanceInformationRequest { Filters = [new() { Key = "InstanceIds", Values = [.. chunk] }] };
                await foreach (var info in ssm.Paginators.DescribeInstanceInformation(request).InstanceInformationList
                    .WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    statuses[info.InstanceId] = info.PingStatus?.Value ?? "Unknown";
                    if (!string.IsNullOrEmpty(info.AgentVersion))
                    {
                        versions[info.InstanceId] = info.AgentVersion;
                    }
                }
            }
        }
        catch (AmazonSimpleSystemsManagementException e) when (IsUnsupported(e))
        {
            return new(statuses, UnsupportedWarning);
        }
        catch (AmazonSimpleSystemsManagementException e) when (e.ErrorCode is "AccessDeniedException" or "UnauthorizedOperation")
        {
            return new(statuses, string.Format(System.Globalization.CultureInfo.InvariantCulture, DeniedWarning, e.ErrorCode));
        }

        return new(statuses, null) { AgentVersions = versions };
    }

    // AWS answers an unknown action with UnknownOperationException; LocalStack with 501; moto 5.2.1 with
    // an HTML 500 page ("has not been implemented") that carries no AWS error code. A real AWS 500 always
    // carries one (InternalFailure, InternalServerError), so it is still reported as an AWS failure.
    private static bool IsUnsupported(AmazonSimpleSystemsManagementException e) =>
        e.ErrorCode is "UnknownOperationException" or "InvalidAction" or "NotImplemented"
        || e.StatusCode == HttpStatusCode.NotImplemented
        || (e.StatusCode == HttpStatusCode.InternalServerError && string.IsNullOrEmpty(e.ErrorCode));
}
