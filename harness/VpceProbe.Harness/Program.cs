using VpceProbe.Harness.Cli;

// Parse, build, run: everything else lives in named classes under Cli/ and the feature folders.
// On Ctrl-C or SIGTERM, System.CommandLine cancels the command's token and, by default, ends the process
// two seconds later. `run` rolls the VPC back after a cancel, which takes longer: wait for it.
var invocation = new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(15) };
return await HarnessCli.InvokeAsync(args, invocation).ConfigureAwait(false);
