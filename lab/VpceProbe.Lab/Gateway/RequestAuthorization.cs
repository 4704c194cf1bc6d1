using VpceProbe.Contract.Aws;
using System.Collections.Specialized;
using System.Text.Json;
using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// What IAM would authorize a request on, as far as the request itself tells: the resource ARNs per the Service
/// Authorization Reference's resource types for the actions the harness calls (EC2's route-table for CreateRoute and
/// DeleteRoute; vpc, vpc-endpoint/*, subnet, route-table and security-group for CreateVpcEndpoint; SSM's document,
/// instances and output bucket for SendCommand; S3's bucket or object), "*" for actions without resource-level
/// permission (Describe*, ListCommandInvocations), and the request's own tags as aws:RequestTag/… and aws:TagKeys.
/// Not known here, so not evaluated: keys that need the resource's state (ec2:Vpc, aws:ResourceTag/…,
/// ssm:resourceTag/…), the instances a SendCommand tag target selects, the ec2:CreateTags AWS authorizes beside a
/// create that carries tags. Any other action is checked on its name only (Resources null).
/// </summary>
internal static class RequestAuthorization
{
    private static readonly string[] TagKnown = ["aws:RequestTag/", "aws:TagKeys", "ec2:CreateAction"];

    public static AuthorizationRequest For(AwsRequest request, string region, string accountId)
    {
        var action = IamActions.Of(request);
        return request.Protocol switch
        {
            AwsProtocol.RestXml => new(action, [S3CallMapper.Map(request).Resource], Empty, []),
            AwsProtocol.Query when request.SigningService == "ec2" => Ec2(request, action, region, accountId),
            AwsProtocol.Json when request.SigningService == "ssm" => new(action, Ssm(request, region, accountId), Empty, []),
            _ => new(action, null, Empty, []),
        };
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Empty = new Dictionary<string, IReadOnlyList<string>>();

    private static AuthorizationRequest Ec2(AwsRequest request, string action, string region, string account)
    {
        var form = request.Form;
        string Arn(string type, string id) => $"arn:aws:ec2:{region}:{account}:{type}/{id}";
        IEnumerable<string> Listed(string prefix, string type) => Indexed(form, prefix).Select(id => Arn(type, id));
        IReadOnlyList<string>? resources = request.Operation switch
        {
            "CreateRoute" or "DeleteRoute" => [Arn("route-table", form["RouteTableId"] ?? "*")],
            "CreateVpcEndpoint" => [Arn("vpc", form["VpcId"] ?? "*"), Arn("vpc-endpoint", "*"),
                .. Listed("SubnetId", "subnet"), .. Listed("RouteTableId", "route-table"), .. Listed("SecurityGroupId", "security-group")],
            "ModifyVpcEndpoint" => [Arn("vpc-endpoint", form["VpcEndpointId"] ?? "*"),
                .. Listed("AddRouteTableId", "route-table"), .. Listed("RemoveRouteTableId", "route-table"),
                .. Listed("AddSubnetId", "subnet"), .. Listed("RemoveSubnetId", "subnet"),
                .. Listed("AddSecurityGroupId", "security-group"), .. Listed("RemoveSecurityGroupId", "security-group")],
            "DeleteVpcEndpoints" => [.. Listed("VpcEndpointId", "vpc-endpoint")],
            "CreateSecurityGroup" => [Arn("vpc", form["VpcId"] ?? "*"), Arn("security-group", "*")],
            "AuthorizeSecurityGroupIngress" or "RevokeSecurityGroupIngress" or "DeleteSecurityGroup" => [Arn("security-group", form["GroupId"] ?? "*")],
            "CreateTags" or "DeleteTags" => [.. Indexed(form, "ResourceId").Select(id => TaggedArn(id, Arn))],
            "GetManagedPrefixListEntries" => [Arn("prefix-list", form["PrefixListId"] ?? "*")],
            var op when op.StartsWith("Describe", StringComparison.Ordinal) => ["*"],
            _ => null,
        };

        // The request's own tags: TagSpecification.N.Tag.M.Key on a create, Tag.N.Key on CreateTags/DeleteTags.
        var keys = form.AllKeys.OfType<string>()
            .Where(k => (k.StartsWith("TagSpecification.", StringComparison.Ordinal) || k.StartsWith("Tag.", StringComparison.Ordinal)) && k.EndsWith(".Key", StringComparison.Ordinal))
            .Select(k => (Key: form[k]!, Value: form[k[..^3] + "Value"] ?? string.Empty)).ToList();
        var context = keys.ToDictionary(t => $"aws:RequestTag/{t.Key}", t => (IReadOnlyList<string>)[t.Value], StringComparer.Ordinal);
        if (keys.Count > 0)
        {
            context["aws:TagKeys"] = [.. keys.Select(t => t.Key).Distinct(StringComparer.Ordinal)];
        }

        return new(action, resources, context, TagKnown);
    }

    // A resource id by its prefix; an id the lab does not type keeps the action's check on every resource ("*" matches only "*").
    private static string TaggedArn(string id, Func<string, string, string> arn) => id.Split('-')[0] switch
    {
        "vpc" => arn("vpc", id),
        "vpce" => arn("vpc-endpoint", id),
        "sg" => arn("security-group", id),
        "subnet" => arn("subnet", id),
        "rtb" => arn("route-table", id),
        "i" => arn("instance", id),
        _ => arn("*", id),
    };

    private static IReadOnlyList<string> Ssm(AwsRequest request, string region, string account)
    {
        if (request.Operation != "SendCommand")
        {
            return ["*"];
        }

        using var body = JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body);
        var root = body.RootElement;
        var document = root.TryGetProperty("DocumentName", out var d) ? d.GetString() ?? "*" : "*";
        var resources = new List<string>
        {
            // AWS-owned documents have no account in their ARN.
            document.StartsWith("arn:", StringComparison.Ordinal) ? document
            : document.StartsWith("AWS-", StringComparison.Ordinal) ? $"arn:aws:ssm:{region}::document/{document}"
            : $"arn:aws:ssm:{region}:{account}:document/{document}",
        };
        if (root.TryGetProperty("InstanceIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            resources.AddRange(ids.EnumerateArray().Select(id => $"arn:aws:ec2:{region}:{account}:instance/{id.GetString()}"));
        }

        if (root.TryGetProperty("OutputS3BucketName", out var bucket) && bucket.GetString() is { Length: > 0 } name)
        {
            resources.Add($"arn:aws:s3:::{name}");
        }

        return resources;
    }

    private static IEnumerable<string> Indexed(NameValueCollection form, string prefix) =>
        form.AllKeys.OfType<string>()
            .Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal) && int.TryParse(k.AsSpan(prefix.Length + 1), out _))
            .Select(k => form[k]!);
}
