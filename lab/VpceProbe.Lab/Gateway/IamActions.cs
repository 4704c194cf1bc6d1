using VpceProbe.Lab.Policies;

namespace VpceProbe.Lab.Gateway;

/// <summary>
/// The IAM action a request is authorized as, and the access key that signed it. S3 operations are named as IAM
/// names them (HeadObject is s3:GetObject, ListObjectsV2 s3:ListBucket: <see cref="S3CallMapper"/>); every other
/// service's action is "signing-service:Operation" (ec2:DeleteRoute, ssm:SendCommand). A presigned URL carries its
/// credential in the query (X-Amz-Credential), not in an Authorization header.
/// </summary>
internal static class IamActions
{
    public static string Of(AwsRequest request) =>
        request.Protocol == AwsProtocol.RestXml ? S3CallMapper.Map(request).Action : $"{request.SigningService ?? "unknown"}:{request.Operation}";

    public static string? AccessKeyOf(AwsRequest request) =>
        request.AccessKeyId ?? request.QueryValues["X-Amz-Credential"]?.Split('/')[0];
}
