namespace VpceProbe.Harness.Timing;

/// <summary>
/// What a transport can say about its own time, for the phase breakdown: how long it has spent deploying the agent
/// and the SSM calls it has made, both cumulative (a phase takes the difference). The ssm transport has both.
/// </summary>
internal interface ITransportTiming
{
    TimeSpan Deploying { get; }

    Ssm.SsmCallCounter Calls { get; }
}
