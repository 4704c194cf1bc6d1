using VpceProbe.Harness.Cli;

// Parse, build, run: everything else lives in named classes under Cli/ and the feature folders.
return await CommandCatalog.BuildRoot().Parse(args).InvokeAsync().ConfigureAwait(false);
