using VpceProbe.Contract.Aws;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The caller's IAM permissions as the lab plays them (moto authorizes nothing), and EC2's DryRun. By default every
/// action is allowed; PUT /_lab/permissions loads identity policies, evaluated on the resources and condition keys
/// the request itself names (<see cref="RequestAuthorization"/>, <see cref="IdentityPolicy"/>: keys that need a
/// resource's state, such as ec2:Vpc and aws:ResourceTag, are not evaluated), and POST /_lab/permissions/deny/ACTION
/// refuses one action. A refused call gets the service's own
/// answer: EC2 403 UnauthorizedOperation with an encoded authorization message, JSON services 400
/// AccessDeniedException, S3 403 AccessDenied, each naming the principal, the action and the resource.
/// An EC2 call with DryRun=true that is allowed answers 412 DryRunOperation, which moto 5.2.1 does only for the
/// security group calls (CreateRoute, DeleteRoute and the endpoint calls ignore DryRun there and would act).
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html: "DryRunOperation: the user has the
/// required permissions, so the request would have succeeded, but the DryRun parameter was used".
/// Instance-role keys (issued by the lab's IMDS) are not gated: their policies are the lab's roles, not these.
/// </summary>
internal sealed class PermissionGate(CallerIdentities callers, string region, string accountId)
{
    public const string DryRunMessage = "Request would have succeeded, but DryRun flag is set.";

    private IdentityPolicyActions? _loaded;
    private IdentityPolicy? _policy;
    private IReadOnlyList<string> _denied = [];

    /// <summary>The loaded policies' actions (null: every action allowed) and the actions refused one by one.</summary>
    public (IdentityPolicyActions? Loaded, IReadOnlyList<string> Denied) Settings => (_loaded, _denied);

    public void Load(IdentityPolicyActions? policies, IdentityPolicy? policy)
    {
        _loaded = policies;
        _policy = policy;
    }

    public void Deny(string action) => _denied = [.. _denied.Append(action).Distinct(StringComparer.OrdinalIgnoreCase)];

    public void Reset()
    {
        _loaded = null;
        _policy = null;
        _denied = [];
    }

    /// <summary>The answer that replaces the call, or null to let it through.</summary>
    public AwsErrorResponse? Decide(AwsRequest request)
    {
        if (callers.RoleSessionArn(IamActions.AccessKeyOf(request)) is not null)
        {
            return null;
        }

        var action = IamActions.Of(request);
        var refusedResource = _policy?.Refused(RequestAuthorization.For(request, region, accountId));
        var refused = _denied.Any(d => Wildcard.IsMatch(d, action, ignoreCase: true)) || (_loaded is { } loaded && !loaded.Allows(action)) || refusedResource is not null;
        var ec2 = request.SigningService == "ec2" && request.Protocol == AwsProtocol.Query;
        if (refused)
        {
            return Refusal(request, action, ec2, refusedResource is null or "*" ? null : refusedResource);
        }

        return ec2 && string.Equals(request.FormValue("DryRun"), "true", StringComparison.OrdinalIgnoreCase)
            ? AwsErrorResponse.Ec2(412, "DryRunOperation", DryRunMessage)
            : null;
    }

    private AwsErrorResponse Refusal(AwsRequest request, string action, bool ec2, string? refusedResource)
    {
        var resource = refusedResource ?? (request.Protocol == AwsProtocol.RestXml ? S3CallMapper.Map(request).Resource : ResourceOf(request));
        var statement = $"User: {callers.CallerArn(request)} is not authorized to perform: {action} on resource: {resource} "
            + $"because no identity-based policy allows the {action} action";
        if (ec2)
        {
            // AWS encodes the details for `aws sts decode-authorization-message`; the lab's "encoding" is base64 of the same sentence.
            var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(statement));
            return AwsErrorResponse.Ec2(403, "UnauthorizedOperation", $"You are not authorized to perform this operation. {statement}. Encoded authorization failure message: {encoded}");
        }

        return request.Protocol switch
        {
            AwsProtocol.RestXml => AwsErrorResponse.S3(403, "AccessDenied", statement),
            AwsProtocol.Json => AwsErrorResponse.Json(400, "AccessDeniedException", statement),
            _ => AwsErrorResponse.Query(403, "AccessDenied", statement, senderFault: true),
        };
    }

    // The resource an EC2 or SSM call names first, as an ARN; "*" where the call names none.
    private string ResourceOf(AwsRequest request)
    {
        var form = request.Protocol == AwsProtocol.Query ? request.Form : null;
        (string Field, string Type)[] ec2Resources =
            [("RouteTableId", "route-table"), ("VpcEndpointId.1", "vpc-endpoint"), ("VpcEndpointId", "vpc-endpoint"), ("GroupId", "security-group"), ("VpcId", "vpc"), ("ResourceId.1", "vpc")];
        foreach (var (field, type) in ec2Resources)
        {
            if (form?[field] is { } id)
            {
                return $"arn:aws:ec2:{region}:{accountId}:{type}/{id}";
            }
        }

        return request.SigningService == "ssm" && request.Operation == "SendCommand" ? $"arn:aws:ssm:{region}::document/AWS-RunShellScript" : "*";
    }
}
