using VpceProbe.Harness.Audit;
using VpceProbe.Harness.Reports.Audits;
using VpceProbe.Harness.Tests.Support;

namespace VpceProbe.Harness.Tests.Reports.Audits;

public class TableAuditWriterTests
{
    [Fact]
    public void findings_are_listed_with_why_and_fix_and_counted()
    {
        var text = new StringWriter();

        new TableAuditWriter().Write(SnapshotWithProblems.Report(), text);

        var output = text.ToString();
        Assert.Contains("VPCE001", output, StringComparison.Ordinal);
        Assert.Contains("Why: ", output, StringComparison.Ordinal);
        Assert.Contains("Fix: aws ec2 modify-vpc-attribute", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ findings: 2 high", output);
    }

    [Fact]
    public void a_clean_vpc_says_no_findings()
    {
        var text = new StringWriter();
        var clean = new AuditReport("vpc-1", "us-east-1", AuditRules.All, []);

        new TableAuditWriter().Write(clean, text);

        Assert.Contains("14 rules checked", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("No findings.", text.ToString(), StringComparison.Ordinal);
    }
}
