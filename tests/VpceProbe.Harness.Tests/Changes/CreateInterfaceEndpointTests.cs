using VpceProbe.Harness.Changes;
using VpceProbe.Harness.Journal;
using VpceProbe.Harness.Scenario;
using VpceProbe.Harness.Tests.Reports;

namespace VpceProbe.Harness.Tests.Changes;

public class CreateInterfaceEndpointTests
{
    [Fact]
    public void the_plan_names_the_security_group_the_run_will_create()
    {
        var vpc = SampleVpc.Before();
        var action = new ActionDefinition { Type = ActionTypes.CreateInterfaceEndpoint, Service = "secretsmanager" };

        // Preview calls nothing: no EC2 client and no waits are needed to plan.
        var planned = new CreateInterfaceEndpoint(action).Preview(new ChangeContext(null!, vpc, vpc.Instances, null, null!, new CrashHook(null), "private", "20261130-010203-abcdef"));
        var dryRun = new CreateInterfaceEndpoint(action).Preview(new ChangeContext(null!, vpc, vpc.Instances, null, null!, new CrashHook(null), "private"));

        Assert.Equal("vpceprobe-20261130-010203-abcdef-secretsmanager", planned.Single(r => r.Action == ChangeActions.CreateSecurityGroup).Resource);
        Assert.Equal("vpceprobe-dry-run-secretsmanager", dryRun.Single(r => r.Action == ChangeActions.CreateSecurityGroup).Resource);
    }
}
