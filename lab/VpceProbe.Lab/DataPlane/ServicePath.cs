namespace VpceProbe.Lab.DataPlane;

internal enum ServicePathKind
{
    /// <summary>Over the internet: through the NAT gateway to the service's public address.</summary>
    Public,

    /// <summary>Through a gateway endpoint's prefix-list route (S3, DynamoDB).</summary>
    GatewayEndpoint,

    /// <summary>To an interface endpoint's ENI.</summary>
    InterfaceEndpoint,

    /// <summary>IMDS from an instance.</summary>
    Imds,

    /// <summary>Arrived somewhere no service answers (e.g. the router's own address).</summary>
    Unknown,
}

/// <summary>
/// The path a service connection took, so the gateway can apply the endpoint policy of
/// <paramref name="EndpointId"/> (null on the public path) and know which service the caller addressed.
/// </summary>
/// <param name="Service">The SERVICE part of com.amazonaws.REGION.SERVICE the destination belongs to ("s3", "ssm"), null if none.</param>
/// <param name="SourceInstanceId">The instance the connection came from, when the source address is one.</param>
internal sealed record ServicePath(ServicePathKind Kind, string? Service, string? EndpointId, string? SourceInstanceId)
{
    public static ServicePath Unknown { get; } = new(ServicePathKind.Unknown, null, null, null);
}
