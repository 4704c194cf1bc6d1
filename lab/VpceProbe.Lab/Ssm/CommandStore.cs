using System.Collections.Concurrent;

namespace VpceProbe.Lab.Ssm;

/// <summary>Every command sent through the lab, newest first when listed (as ListCommands orders them).</summary>
internal sealed class CommandStore
{
    private readonly ConcurrentDictionary<string, SsmCommand> _commands = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Counts one emulated SSM call (SendCommand, ListCommandInvocations …), for the control API.</summary>
    public void CountCall(string operation) => _calls.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> Calls => new SortedDictionary<string, int>(_calls, StringComparer.Ordinal);

    public void Add(SsmCommand command) => _commands[command.CommandId] = command;

    public SsmCommand? Find(string commandId) => _commands.TryGetValue(commandId, out var c) ? c : null;

    public IReadOnlyList<SsmCommand> All => _commands.Values.OrderByDescending(c => c.RequestedAt).ToList();

    /// <summary>Invocations still waiting for their agent.</summary>
    public IEnumerable<CommandInvocation> Waiting =>
        _commands.Values.SelectMany(c => c.Invocations).Where(i => !i.Held).Where(i => i.State == InvocationState.Pending || i.State == InvocationState.Delayed);
}
