using System.Xml.Linq;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// GetManagedPrefixListEntries for an AWS service's managed list (com.amazonaws.REGION.SERVICE, the destination of a
/// gateway endpoint's routes) answers the service's address in the lab's internet as a /32, where the lab's packets to
/// the service really go, instead of moto's copy of AWS's ranges (52.216.0.0/15…), which nothing in the lab carries.
/// So whoever judges traffic by the list's ranges (a network ACL rule written from them, as for S3 in AWS, e.g.
/// https://www.pulumi.com/docs/reference/pkg/aws/getprefixlist: "the CIDR blocks … for adding network ACL rules";
/// the harness's prediction) sees the addresses the lab's data plane carries.
/// </summary>
internal static class PrefixListEntries
{
    public static async Task<string> RewriteAsync(
        string body, string? prefixListId, MotoQueries moto, IReadOnlyDictionary<string, string> addresses, CancellationToken cancellationToken)
    {
        if (prefixListId is null)
        {
            return body;
        }

        var lists = await moto.Ec2Async("DescribeManagedPrefixLists", [new("PrefixListId.1", prefixListId)], cancellationToken).ConfigureAwait(false);
        var name = Ec2Xml.Named(lists, "prefixListName").FirstOrDefault()?.Value;
        var service = name is not null && name.StartsWith("com.amazonaws.", StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : null;
        var root = XElement.Parse(body);
        if (service is null || !addresses.TryGetValue(service, out var address) || Ec2Xml.Named(root, "entrySet").FirstOrDefault() is not { } entries)
        {
            return body;
        }

        var ns = entries.Name.Namespace;
        entries.RemoveNodes();
        entries.Add(new XElement(ns + "item", new XElement(ns + "cidr", $"{address}/32"), new XElement(ns + "description", $"{service} in the lab's internet")));
        return root.ToString(SaveOptions.DisableFormatting);
    }
}
