using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Passes;

/// <summary>
/// The random functions give every pass something to do, so the properties in
/// <see cref="PassPropertyTests"/> are not checking passes that never act.
/// </summary>
public sealed class PassCoverageTests
{
    public static TheoryData<string> Names { get; } = new(PassCatalog.Passes.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void A_pass_changes_a_good_share_of_generated_functions(string pass)
    {
        const int Functions = 300;
        var changed = Enumerable.Range(0, Functions).Count(seed => PassCatalog.Run(pass, RandomIr.Generate(seed, 30)).Changes > 0);
        changed.ShouldBeGreaterThan(Functions / 20, $"'{pass}' changed {changed} of {Functions} functions");
    }
}
