using System.Net;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Discovery;

/// <summary>SSM's PingStatus and AgentVersion by instance id; instances SSM does not know are absent.</summary>
/// <param name="Warning">Set when SSM could not be asked: then every status is unknown, which is not the same as offline.</param>
internal sealed record SsmPingStatuses(
    IReadOnlyDictionary<string, string> Statuses, IReadOnlyDictionary<string, string> AgentVersions, string? Warning);

/// <summary>Asks SSM which instances are managed, online, and with which agent (DescribeInstanceInformation, 50 ids per call).</summary>
internal sealed class SsmPingStatusReader(IAmazonSimpleSystemsManagement ssm)
{
    private const int MaxIdsPerFilter = 50;
    private const string UnsupportedWarning =
        "SSM DescribeInstanceInformation is not implemented by this endpoint (an emulator such as moto?): SSM ping status unknown.";
    private const string DeniedWarning =
        "SSM DescribeInstanceInformation was denied ({0}): SSM ping status unknown.";

    // Endpoints that said they do not implement the call. moto's answer is a 500, which the SDK retries (10 attempts
    // by default for a long run, about half a minute): ask such an endpoint once per process, not at every describe.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Unsupported = new(StringComparer.Ordinal);

    private string EndpointKey => ssm.Config.ServiceURL ?? ssm.Config.RegionEndpoint?.SystemName ?? "";

    public async Task<SsmPingStatuses> ReadAsync(IReadOnlyList<string> instanceIds, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<string, string>();
        var versions = new Dictionary<string, string>();
        if (Unsupported.ContainsKey(EndpointKey))
        {
            return new(statuses, versions, UnsupportedWarning);
        }

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
            Unsupported[EndpointKey] = true;
            return new(statuses, versions, UnsupportedWarning);
        }
        catch (AmazonSimpleSystemsManagementException e) when (e.ErrorCode is "AccessDeniedException" or "UnauthorizedOperation")
        {
            return new(statuses, versions, string.Format(System.Globalization.CultureInfo.InvariantCulture, DeniedWarning, Aws.AccessDenial.Describe(e, "ssm:DescribeInstanceInformation")));
        }

        return new(statuses, versions, null);
    }

    // AWS answers an unknown action with UnknownOperationException; LocalStack with 501; moto 5.2.1 with
    // an HTML 500 page ("has not been implemented") that carries no AWS error code. A real AWS 500 always
    // carries one (InternalFailure, InternalServerError), so it is still reported as an AWS failure.
    private static bool IsUnsupported(AmazonSimpleSystemsManagementException e) =>
        e.ErrorCode is "UnknownOperationException" or "InvalidAction" or "NotImplemented"
        || e.StatusCode == HttpStatusCode.NotImplemented
        || (e.StatusCode == HttpStatusCode.InternalServerError && string.IsNullOrEmpty(e.ErrorCode));
}
