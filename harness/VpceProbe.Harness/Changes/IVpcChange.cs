using VpceProbe.Harness.Verdicts;

namespace VpceProbe.Harness.Changes;

/// <summary>
/// One kind of change a scenario action makes. <see cref="Preview"/> says what <see cref="ApplyAsync"/>
/// would do without calling anything that mutates (dry run). Apply journals an intent before every AWS
/// mutation and a done line after it; undoing is done from the journal by the steps in Undo/.
/// </summary>
internal interface IVpcChange
{
    string Action { get; }

    IReadOnlyList<ChangeRecord> Preview(ChangeContext context);

    Task<IReadOnlyList<ChangeRecord>> ApplyAsync(ChangeContext context, CancellationToken cancellationToken);
}
