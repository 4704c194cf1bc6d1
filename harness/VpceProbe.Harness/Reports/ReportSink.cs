using System.Text;
using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Reports;

/// <summary>Writes every file format of <see cref="ReportWriters"/> into --output-dir, and says where.</summary>
public static class ReportSink
{
    /// <summary>Creates the directory if needed, writes report.json, report.xml, report.md, and returns their paths.</summary>
    public static IReadOnlyList<string> WriteFiles(RunResult result, DirectoryInfo outputDir)
    {
        outputDir.Create();
        var written = new List<string>();
        foreach (var writer in ReportWriters.Files)
        {
            var path = Path.Combine(outputDir.FullName, writer.FileName!);

            // UTF-8 without a BOM: CI parsers (and jq) choke on one; LF endings keep the files diffable.
            using var file = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
            writer.Write(result, file);
            written.Add(path);
        }

        return written;
    }
}
