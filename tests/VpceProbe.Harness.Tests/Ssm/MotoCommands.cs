using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace VpceProbe.Harness.Tests.Ssm;

/// <summary>
/// The commands moto recorded for an instance. moto 5.2.1 adds every EC2 instance it knows to a SendCommand that
/// has no Targets (an empty tag filter matches all), so commands of other tests list the instances of this one:
/// callers pick theirs by content (a unique hash, a unique instance id).
/// </summary>
internal static class MotoCommands
{
    public static async Task<List<Command>> ForAsync(IAmazonSimpleSystemsManagement ssm, string instanceId)
    {
        var found = new List<Command>();
        var pages = ssm.Paginators.ListCommands(new ListCommandsRequest { InstanceId = instanceId }).Commands;
        await foreach (var command in pages.WithCancellation(TestContext.Current.CancellationToken))
        {
            found.Add(command);
        }

        return found;
    }

    /// <summary>The one plain command line of each command.</summary>
    public static string Line(Command command) => Assert.Single(command.Parameters["commands"]);
}
