namespace VpceProbe.Harness.Discovery;

/// <summary>
/// The one vocabulary of VPC endpoint states: EC2's VpcEndpoint State values (Amazon.EC2.State: PendingAcceptance,
/// Pending, Available, Partial, Deleting, Deleted, Rejected, Failed, Expired), lower-cased as discovery stores them.
/// AWS keeps listing deleted endpoints for a while (moto for the life of the server), so anything that reasons about
/// or shows "the VPC's endpoints" filters with <see cref="IsLive(string?)"/>.
/// </summary>
internal static class EndpointStates
{
    public const string PendingAcceptance = "pendingacceptance";
    public const string Pending = "pending";
    public const string Available = "available";
    public const string Partial = "partial";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Expired = "expired";

    /// <summary>
    /// The endpoint stands in the VPC: it serves, will serve, waits for its service to accept it, or serves in some of
    /// its subnets (partial). Rejected, failed and expired endpoints never serve and deleting ones are going: a run
    /// neither adopts nor gives them back, and the audit does not judge them. (Before this type, the audit left
    /// partial endpoints out while the baseline kept them, and the baseline kept any state it did not know.)
    /// </summary>
    public static bool IsLive(string? state) => state is PendingAcceptance or Pending or Available or Partial;

    public static bool IsLive(EndpointInfo endpoint) => IsLive(endpoint.State);

    /// <summary>Carries traffic now or soon by itself (a pending endpoint becomes available without anyone acting).</summary>
    public static bool CarriesTraffic(string? state) => state is Available or Pending;

    /// <summary>Deleted or on its way: nothing is left to undo.</summary>
    public static bool IsGone(string? state) => state is Deleting or Deleted;
}
