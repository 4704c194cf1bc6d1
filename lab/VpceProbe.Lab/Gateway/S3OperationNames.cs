namespace VpceProbe.Lab.Gateway;

/// <summary>
/// Where an S3 request points (bucket and key, path-style or virtual-hosted) and the name of the API
/// operation it is, as the SDKs and CloudTrail name it. Only the operations the lab's users make are named;
/// the rest fall back to the HTTP method, which is still enough for fault targeting.
/// </summary>
internal static class S3OperationNames
{
    public static (string? Bucket, string? Key) Address(AwsRequest request)
    {
        var path = Uri.UnescapeDataString(request.Path.TrimStart('/'));
        var host = request.Host.Split(':')[0];
        var s3At = host.IndexOf(".s3.", StringComparison.Ordinal);
        if (s3At > 0)
        {
            // Virtual-hosted style: the bucket is the first label(s) before ".s3.".
            return (host[..s3At], path.Length == 0 ? null : path);
        }

        if (path.Length == 0)
        {
            return (null, null);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 || slash == path.Length - 1
            ? (path.TrimEnd('/'), null)
            : (path[..slash], path[(slash + 1)..]);
    }

    public static string Of(AwsRequest request)
    {
        var (bucket, key) = Address(request);
        var query = request.QueryValues;
        if (bucket is null)
        {
            return request.Method == "GET" ? "ListBuckets" : request.Method;
        }

        if (key is null)
        {
            return request.Method switch
            {
                "GET" when query["location"] is not null || query.GetValues(null)?.Contains("location") == true => "GetBucketLocation",
                "GET" when query["list-type"] == "2" => "ListObjectsV2",
                "GET" => "ListObjects",
                "HEAD" => "HeadBucket",
                "PUT" => "CreateBucket",
                "DELETE" => "DeleteBucket",
                _ => request.Method,
            };
        }

        return request.Method switch
        {
            "GET" => "GetObject",
            "HEAD" => "HeadObject",
            "PUT" => "PutObject",
            "DELETE" => "DeleteObject",
            _ => request.Method,
        };
    }
}
