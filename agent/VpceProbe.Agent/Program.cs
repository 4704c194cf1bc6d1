using System.Runtime.InteropServices;
using System.Text;
using VpceProbe.Agent;
using VpceProbe.Agent.Host;
using VpceProbe.Contract;

// The AWS SDK resolves credentials with blocking calls on thread-pool threads (instance metadata, profile files).
// With the pool's minimum at the core count, a plan's concurrent probes queued behind them until the pool grew (it
// adds a thread about every half second when starved): an HTTP probe that takes 23 ms alone reported 1,000 ms
// beside three AWS probes on a 2-core instance, and AWS probes 1,076 ms instead of 593 ms. Threads up to this
// minimum start at once; a plan runs a few dozen probes at most.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 32), minIo);

// The first Ctrl-C or SIGTERM (SSM's cancel-command) cancels the run and the agent still prints the partial
// report; a second one ends the process at once, for an agent stuck where no token reaches (a blocked stdin read).
using var interrupt = new CancellationTokenSource();
void Cancel(PosixSignalContext signal)
{
    signal.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

// Started by the harness's local transport: end with it, even when it was killed with SIGKILL.
using var parentWatch = ParentWatch.Start(Environment.GetEnvironmentVariable(AgentVariables.ParentPid), () =>
{
    Console.Error.WriteLine($"{AgentApp.Name}: the harness that started this agent is gone; exiting");
    Environment.Exit(ExitCodes.Infrastructure);
}, TimeProvider.System);

// A plan on standard input that is not UTF-8 is refused, not read with U+FFFD in place of the bad bytes.
using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false, throwOnInvalidBytes: true));

try
{
    var app = new AgentApp(TimeProvider.System, HostFactsReader.Read, Environment.GetEnvironmentVariable);
    return await app.RunAsync(args, stdin, Console.Out, Console.Error, interrupt.Token).ConfigureAwait(false);
}
catch (Exception e)
{
    // Last resort only: probes report their own failures, so reaching here is a defect in the agent itself.
    await Console.Error.WriteLineAsync($"{AgentApp.Name}: internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
    return ExitCodes.Infrastructure;
}
