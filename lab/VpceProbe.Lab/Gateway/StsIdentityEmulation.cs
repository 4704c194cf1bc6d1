using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// GetCallerIdentity for the role credentials the lab's IMDS issued: AWS answers with the assumed-role session
/// (arn:aws:sts::ACCOUNT:assumed-role/ROLE/INSTANCE, UserId ROLEID:INSTANCE), where moto would name its default
/// user. Any other key goes on to moto.
/// </summary>
internal sealed class StsIdentityEmulation(CallerIdentities callers, string accountId) : IApiEmulation
{
    private const string JsonTarget = "AWSSecurityTokenServiceV20110615.GetCallerIdentity";

    public bool Handles(AwsRequest request) =>
        request.Operation == "GetCallerIdentity"
        && (request.SigningService == "sts" || request.Target == JsonTarget)
        && callers.RoleSessionArn(request.AccessKeyId) is not null;

    public async Task HandleAsync(AwsRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var arn = callers.RoleSessionArn(request.AccessKeyId)!;
        var session = arn[(arn.LastIndexOf('/') + 1)..];
        // A role id shaped like AWS's (AROA + 17 characters), stable for the role.
        var role = arn[..arn.LastIndexOf('/')];
        var userId = $"AROA{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(role)))[..17]}:{session}";
        response.StatusCode = 200;
        if (request.Protocol == AwsProtocol.Json)
        {
            response.ContentType = "application/x-amz-json-1.0";
            await response.WriteAsync(JsonSerializer.Serialize(new { Account = accountId, Arn = arn, UserId = userId }), cancellationToken).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/xml";
        await response.WriteAsync(
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>" +
            $"<Arn>{SecurityElement.Escape(arn)}</Arn><UserId>{SecurityElement.Escape(userId)}</UserId><Account>{accountId}</Account>" +
            $"</GetCallerIdentityResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
            cancellationToken).ConfigureAwait(false);
    }
}
