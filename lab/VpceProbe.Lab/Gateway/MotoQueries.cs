using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The gateway's own reads of moto's state (the VPC's DNS attributes, an endpoint's policy, the instances,
/// a secret's ARN), made as plain EC2 query / JSON calls. moto routes by the credential scope, so each call
/// carries an Authorization header naming the service; moto does not check the signature.
/// </summary>
internal sealed class MotoQueries(HttpClient http, Uri motoUrl, string region)
{
    public Task<XElement> Ec2Async(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        QueryAsync("ec2", action, "2016-11-15", parameters, cancellationToken);

    /// <summary>A query-protocol call (EC2, IAM, STS) to moto; its XML answer, or an exception carrying moto's error.</summary>
    public async Task<XElement> QueryAsync(
        string service, string action, string version, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        fields.AddRange(parameters);
        using var request = new HttpRequestMessage(HttpMethod.Post, motoUrl) { Content = new FormUrlEncodedContent(fields) };
        Sign(request, service);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? XElement.Parse(body)
            : throw new InvalidOperationException($"moto {action} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>enableDnsSupport or enableDnsHostnames of a VPC.</summary>
    public async Task<bool> VpcAttributeAsync(string vpcId, string attribute, CancellationToken cancellationToken)
    {
        var answer = await Ec2Async("DescribeVpcAttribute", [new("VpcId", vpcId), new("Attribute", attribute)], cancellationToken).ConfigureAwait(false);
        return string.Equals(answer.Descendants().FirstOrDefault(e => e.Name.LocalName == "value")?.Value, "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One endpoint's item element from DescribeVpcEndpoints, or null when moto does not know it.</summary>
    public async Task<XElement?> VpcEndpointAsync(string endpointId, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await Ec2Async("DescribeVpcEndpoints", [new("VpcEndpointId.1", endpointId)], cancellationToken).ConfigureAwait(false);
            return answer.Descendants().FirstOrDefault(e => e.Name.LocalName == "item" && Ec2Xml.Child(e, "vpcEndpointId") == endpointId);
        }
        catch (InvalidOperationException)
        {
            // moto answers an unknown id with InvalidVpcEndpointId.NotFound: the endpoint is gone.
            return null;
        }
    }

    /// <summary>A JSON 1.1 call (Secrets Manager, SSM) straight to moto.</summary>
    public async Task<HttpResponseMessage> JsonAsync(string service, string target, string json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, motoUrl) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        Sign(request, service);
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The full ARN of a secret named by name (Secrets Manager authorizes on the ARN).</summary>
    public async Task<string> SecretArnAsync(string secretId, CancellationToken cancellationToken)
    {
        using var response = await JsonAsync("secretsmanager", "secretsmanager.DescribeSecret", JsonSerializer.Serialize(new { SecretId = secretId }), cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // An unknown secret: authorize on the ARN it would have, so a policy naming it still decides.
            return $"arn:aws:secretsmanager:{region}:123456789012:secret:{secretId}";
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return document.RootElement.GetProperty("ARN").GetString()!;
    }

    /// <summary>Writes an object to moto's S3 (path-style), e.g. a command's full output.</summary>
    public async Task PutObjectAsync(string bucket, string key, string content, CancellationToken cancellationToken)
    {
        var uri = new Uri(motoUrl, $"/{Uri.EscapeDataString(bucket)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}");
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new StringContent(content, Encoding.UTF8) };
        Sign(request, "s3");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    // moto reads only the credential scope; the date and signature are never checked.
    private void Sign(HttpRequestMessage request, string service) =>
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20250101/{region}/{service}/aws4_request, SignedHeaders=host, Signature=0");
}
