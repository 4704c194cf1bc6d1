using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using VpceProbe.Lab.DataPlane;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The EC2 calls the lab must treat differently from moto: endpoint creation (private DNS needs the VPC's DNS
/// attributes, and a new endpoint is pending for a while), endpoint descriptions (state from <see cref="LabState"/>),
/// deletion; and after every successful mutating call, a reconcile of the data plane before the answer is
/// returned, so the change is in force on the traffic when the caller sees success.
/// </summary>
internal sealed class Ec2Interceptor(MotoForwarder forwarder, MotoQueries moto, LabState state, IDataPlane dataPlane)
{
    // AWS's answer to private DNS on a VPC without DNS support and hostnames (EC2 error InvalidParameter).
    internal const string PrivateDnsRefused = "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for {0}";

    public static bool IsEc2(AwsRequest request) =>
        request.Protocol == AwsProtocol.Query && (request.SigningService == "ec2" || request.FormValue("Version") == "2016-11-15");

    public async Task HandleAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var action = request.Operation;
        if (action is "CreateVpcEndpoint" or "ModifyVpcEndpoint" && await PrivateDnsRefusalAsync(request, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            await refusal.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var answer = await forwarder.SendAsync(WithResetPolicy(request), cancellationToken).ConfigureAwait(false);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccessStatusCode)
        {
            body = Record(action, request, body);
            if (action == "GetManagedPrefixListEntries")
            {
                body = await PrefixListEntries.RewriteAsync(body, request.FormValue("PrefixListId"), moto, dataPlane.PublicServiceAddresses, cancellationToken).ConfigureAwait(false);
            }
            if (IsMutating(action) && await PutInForceAsync(action, cancellationToken).ConfigureAwait(false) is { } notInForce)
            {
                response.Headers[NotInForceHeader] = notInForce;
            }
        }

        response.StatusCode = (int)answer.StatusCode;
        response.ContentType = answer.Content.Headers.ContentType?.ToString() ?? "text/xml";
        await response.WriteAsync(body, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>On a performed call whose data plane change is not in force yet: why (the daemon's log has it too).</summary>
    internal const string NotInForceHeader = "x-vpceprobe-lab-not-in-force";

    internal const int ReconcileAttempts = 3;

    /// <summary>
    /// moto has performed the call: from here on the answer is moto's, whatever the data plane does. An error
    /// (a 500, a dropped connection) would tell the SDK to send the call again, and a second CreateNatGateway or
    /// RunInstances is not the same call (moto: "Resource … is already associated"). So the reconcile that puts the
    /// change in force is awaited up to <see cref="ReconcileAttempts"/> passes; if none succeeds, the caller still
    /// gets its success, as EC2 answers a call it accepted whose effect is not yet visible everywhere ("Eventual
    /// consistency in the Amazon EC2 API", https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html),
    /// the failure goes to the daemon's log and a header, and the data plane keeps retrying on its own.
    /// </summary>
    /// <returns>Null once the change is in force; else why it is not.</returns>
    private async Task<string?> PutInForceAsync(string action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dataPlane.ReconcileAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }
            // Whatever the pass threw (ip, nft, moto's Describe*, a file): after moto performed the call no failure of the
            // data plane may turn into an error answer; only the caller going away ends the wait.
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                if (attempt == ReconcileAttempts)
                {
                    var why = $"{action} was performed, but the lab could not put it in force on the data plane after {attempt} reconcile passes "
                        + $"({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}); the lab keeps retrying";
                    await Console.Error.WriteLineAsync(why).ConfigureAwait(false);
                    return Ascii(why);
                }
            }
        }
    }

    /// <summary>Printable ASCII only: an HTTP header value.</summary>
    private static string Ascii(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    // moto ignores ModifyVpcEndpoint's ResetPolicy; AWS puts back the default full-access policy.
    internal static AwsRequest WithResetPolicy(AwsRequest request)
    {
        if (request.Operation != "ModifyVpcEndpoint" || request.FormValue("ResetPolicy") != "true" || request.FormValue("PolicyDocument") is not null)
        {
            return request;
        }

        var body = Encoding.UTF8.GetString(request.Body) + "&PolicyDocument=" + Uri.EscapeDataString(FullAccessPolicy);
        return request with { Body = Encoding.UTF8.GetBytes(body) };
    }

    internal const string FullAccessPolicy = """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

    // Describe*/Get* read; tags change nothing the data plane carries (seeding a fleet tags each instance with
    // its Name: 50 reconciles for nothing); everything else may change what the data plane must carry.
    internal static bool IsMutating(string action) =>
        !action.StartsWith("Describe", StringComparison.Ordinal) && !action.StartsWith("Get", StringComparison.Ordinal)
        && action is not ("CreateTags" or "DeleteTags");

    private string Record(string action, AwsRequest request, string body)
    {
        switch (action)
        {
            case "CreateVpcEndpoint":
                var created = XElement.Parse(body);
                foreach (var id in Ec2Xml.Named(created, "vpcEndpointId").Select(e => e.Value).ToList())
                {
                    state.EndpointCreated(id);
                }

                return EndpointDnsNames.Rewrite(EndpointStates.Rewrite(created, state)).ToString(SaveOptions.DisableFormatting);
            case "DescribeVpcEndpoints":
                return EndpointDnsNames.Rewrite(EndpointStates.Rewrite(XElement.Parse(body), state)).ToString(SaveOptions.DisableFormatting);
            case "DeleteVpcEndpoints":
                foreach (var id in request.Form.AllKeys.Where(k => k?.StartsWith("VpcEndpointId.", StringComparison.Ordinal) == true).Select(k => request.Form[k]!))
                {
                    state.EndpointDeleted(id);
                }

                return body;
            default:
                return body;
        }
    }

    private async Task<AwsErrorResponse?> PrivateDnsRefusalAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var vpcId = request.FormValue("VpcId");
        if (request.Operation == "ModifyVpcEndpoint")
        {
            if (request.FormValue("PrivateDnsEnabled") != "true")
            {
                return null;
            }

            var endpoint = await moto.VpcEndpointAsync(request.FormValue("VpcEndpointId") ?? string.Empty, cancellationToken).ConfigureAwait(false);
            vpcId = endpoint is null ? null : Ec2Xml.Child(endpoint, "vpcId");
        }
        else if (!WantsPrivateDns(request))
        {
            return null;
        }

        if (vpcId is null)
        {
            return null;
        }

        var support = await moto.VpcAttributeAsync(vpcId, "enableDnsSupport", cancellationToken).ConfigureAwait(false);
        var hostnames = await moto.VpcAttributeAsync(vpcId, "enableDnsHostnames", cancellationToken).ConfigureAwait(false);
        return support && hostnames
            ? null
            : AwsErrorResponse.Ec2(400, "InvalidParameter", string.Format(System.Globalization.CultureInfo.InvariantCulture, PrivateDnsRefused, vpcId));
    }

    // EC2 defaults: VpcEndpointType is Gateway when omitted; PrivateDnsEnabled is true for interface endpoints of AWS services.
    private static bool WantsPrivateDns(AwsRequest request) =>
        string.Equals(request.FormValue("VpcEndpointType"), "Interface", StringComparison.OrdinalIgnoreCase)
        && request.FormValue("PrivateDnsEnabled") != "false";
}
