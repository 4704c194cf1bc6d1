namespace VpceProbe.Harness.Discovery;

/// <summary>
/// Which endpoint states still stand in the VPC. AWS keeps listing deleted endpoints for a while (moto for the
/// life of the server), so anything that reasons about or shows "the VPC's endpoints" filters with this.
/// </summary>
public static class EndpointStates
{
    public static bool IsLive(EndpointInfo endpoint) =>
        endpoint.State is not ("deleted" or "deleting" or "failed" or "rejected" or "expired");
}
