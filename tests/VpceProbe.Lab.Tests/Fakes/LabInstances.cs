using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Lab.Tests.Fakes;

/// <summary>Instances made in moto through a test gateway and given a (fake) namespace, as the lab's topology would.</summary>
internal static class LabInstances
{
    public static async Task<string> LaunchAsync(TestGateway gateway, bool reachable)
    {
        using var ec2 = gateway.Ec2();
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = "ami-12c6146b", MinCount = 1, MaxCount = 1 }, TestContext.Current.CancellationToken);
        var id = run.Reservation.Instances[0].InstanceId;
        gateway.DataPlane.AddInstance(id);
        gateway.Reachability.Set($"fake-{id}", reachable);
        return id;
    }

    public static Task<InstanceInformation?> NodeAsync(AmazonSimpleSystemsManagementClient ssm, string instanceId) =>
        Eventually.MatchAsync(() => DescribeAsync(ssm, instanceId), n => n is not null);

    public static Task<InstanceInformation?> PingStatusAsync(AmazonSimpleSystemsManagementClient ssm, string instanceId, PingStatus status) =>
        Eventually.MatchAsync(() => DescribeAsync(ssm, instanceId), n => n?.PingStatus == status);

    private static async Task<InstanceInformation?> DescribeAsync(AmazonSimpleSystemsManagementClient ssm, string instanceId) =>
        (await ssm.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest
        {
            Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [instanceId] }],
        }, TestContext.Current.CancellationToken)).InstanceInformationList?.SingleOrDefault();

    /// <summary>A shell script run through SSM on an online lab instance; asserts it succeeded and returns its output.</summary>
    public static async Task<string> RunShellAsync(AmazonSimpleSystemsManagementClient ssm, string instance, string script, TimeSpan? within = null)
    {
        await PingStatusAsync(ssm, instance, PingStatus.Online);
        var sent = await ssm.SendCommandAsync(new SendCommandRequest
        {
            InstanceIds = [instance], DocumentName = "AWS-RunShellScript", Parameters = new Dictionary<string, List<string>> { ["commands"] = [script] },
        }, TestContext.Current.CancellationToken);
        var done = await InvocationAsync(ssm, sent.Command.CommandId, instance, r => r.Status != CommandInvocationStatus.Pending && r.Status != CommandInvocationStatus.InProgress, within);
        Assert.True(done.Status == CommandInvocationStatus.Success, $"{script}: {done.Status} {done.StandardOutputContent} {done.StandardErrorContent}");
        return done.StandardOutputContent;
    }

    /// <param name="within">How long to wait (10 s unless given: programs under qemu take longer).</param>
    public static Task<GetCommandInvocationResponse> InvocationAsync(
        AmazonSimpleSystemsManagementClient ssm, string commandId, string instanceId, Func<GetCommandInvocationResponse, bool> until, TimeSpan? within = null) =>
        Eventually.MatchAsync(
            async () =>
            {
                try
                {
                    return await ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId }, TestContext.Current.CancellationToken);
                }
                catch (InvocationDoesNotExistException)
                {
                    return new GetCommandInvocationResponse { Status = CommandInvocationStatus.Pending, StatusDetails = "InvocationDoesNotExist" };
                }
            },
            until,
            within);
}
