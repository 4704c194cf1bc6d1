using System.Text.Json;
using VpceProbe.Contract;
using VpceProbe.Harness.Cli;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Cli;

/// <summary>
/// `vpceprobe` needs only the .NET runtime: its runtimeconfig.json names Microsoft.NETCore.App alone and the assembly
/// references nothing of the lab; `vpceprobe lab …` reaches the lab program (vpceprobe-lab) as a child process.
/// </summary>
public class LabProgramTests
{
    [Fact]
    public async Task the_harness_runtimeconfig_names_only_the_dotnet_runtime()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "vpceprobe.runtimeconfig.json");
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        var options = config.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var list)
            ? list.EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList()
            : [options.GetProperty("framework").GetProperty("name").GetString()];

        Assert.Equal(["Microsoft.NETCore.App"], frameworks);
    }

    [Fact]
    public void the_harness_assembly_references_no_lab_assembly()
    {
        var references = typeof(HarnessCli).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("VpceProbe.Contract", references);
        Assert.DoesNotContain(references, name => name.StartsWith("VpceProbe.Lab", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task lab_commands_are_answered_by_the_lab_program_with_its_exit_code()
    {
        var help = await CliRun.InvokeAsync(["lab", "--help"]);
        var badName = await CliRun.InvokeAsync(["lab", "status", "--name", "Not_A_Name"]);

        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("vpceprobe-lab [command] [options]", help.Output, StringComparison.Ordinal);
        Assert.Contains("topology", help.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, badName.ExitCode);
        Assert.Contains("lab name 'Not_A_Name' must be 1-12 lowercase letters or digits", badName.Error, StringComparison.Ordinal);
    }
}
