using VpceProbe.Lab.Gateway;

namespace VpceProbe.Lab.Policies;

/// <summary>
/// S3 operations to the IAM action and resource AWS authorizes them as. Note the names differ from the
/// operations: ListObjectsV2 is authorized as s3:ListBucket on the bucket, HeadObject as s3:GetObject,
/// ListBuckets as s3:ListAllMyBuckets.
/// </summary>
internal static class S3CallMapper
{
    public static ServiceCall Map(AwsRequest request)
    {
        var (bucket, key) = S3OperationNames.Address(request);
        var operation = S3OperationNames.Of(request);
        var bucketArn = $"arn:aws:s3:::{bucket}";
        var objectArn = $"{bucketArn}/{key}";
        return operation switch
        {
            "ListBuckets" => new("s3:ListAllMyBuckets", "*"),
            "ListObjects" or "ListObjectsV2" or "HeadBucket" => new("s3:ListBucket", bucketArn),
            "GetBucketLocation" => new("s3:GetBucketLocation", bucketArn),
            "CreateBucket" => new("s3:CreateBucket", bucketArn),
            "DeleteBucket" => new("s3:DeleteBucket", bucketArn),
            "GetObject" or "HeadObject" => new("s3:GetObject", objectArn),
            "PutObject" => new("s3:PutObject", objectArn),
            "DeleteObject" => new("s3:DeleteObject", objectArn),
            _ => new($"s3:{operation}", key is null ? bucketArn : objectArn),
        };
    }
}
