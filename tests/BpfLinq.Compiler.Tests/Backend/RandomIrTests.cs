using BpfLinq.Compiler.Backend;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Backend;

/// <summary>
/// Random IR functions (see <see cref="RandomIr"/>) through the back end: the allocation checker
/// must accept every allocation, and the kernel must accept every program and compute, on every
/// context, the low 32 bits of what the IR interpreter computes.
/// </summary>
public sealed class RandomIrTests
{
    private static readonly Gen<(int Seed, int Size)> s_programs =
        from seed in Gen.Choose(0, int.MaxValue)
        from size in Gen.Choose(1, 40)
        select (seed, size);

    [Fact]
    public void The_allocation_checker_accepts_every_random_function()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(s_programs.ToArbitrary(), p =>
        {
            Compile(p.Seed, p.Size);
            return true;
        }));
    }

    [KernelFact]
    public void Random_functions_load_and_agree_with_the_interpreter()
    {
        var contexts = Gen.ArrayOf(Gen.Elements(0u, 1u, 5u, 0x7fffffffu, 0x80000000u, 0xffffffffu, 0xdeadbeefu, 64u, 31u), 7);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(s_programs.ToArbitrary(), Gen.ListOf(contexts, 8).ToArbitrary(), (p, values) =>
        {
            var (f, code) = Compile(p.Seed, p.Size);
            var ctxs = values.Select(v => KernelHarness.Context(v[0], v[1], v[2..])).ToList();
            var kernel = KernelHarness.Run(code, ctxs);
            for (var k = 0; k < ctxs.Count; k++)
            {
                var want = KernelHarness.Interpret(f, ctxs[k]);
                if (kernel[k] != want)
                {
                    throw new ShouldAssertException(
                        $"seed {p.Seed} size {p.Size}, context {k}: kernel 0x{kernel[k]:x}, interpreter 0x{want:x}\n{f}\n{code.Disassemble()}");
                }
            }
            return true;
        }));
    }

    // Programs that once failed: kept as regressions.
    [Theory]
    [InlineData(1499197150, 18)]
    public void Past_failures_stay_fixed(int seed, int size)
    {
        var (f, code) = Compile(seed, size);
        if (TestEnvironment.KernelSkipReason is null)
        {
            var ctxs = new[] { KernelHarness.Context(1, 2, 3, 4, 5, 6, 7), KernelHarness.Context(0xffffffff, 0x80000000, 0, 31, 32, 64, 0xdeadbeef) };
            var kernel = KernelHarness.Run(code, ctxs);
            kernel.ShouldBe(ctxs.Select(c => KernelHarness.Interpret(f, c)).ToArray(), $"{f}\n{code.Disassemble()}");
        }
    }

    private static (Function F, MachineCode Code) Compile(int seed, int size)
    {
        var f = RandomIr.GenerateForTc(seed, size);
        var text = f.ToString();
        try
        {
            return (f, Backend.Compile(f));
        }
        catch (InternalCompilerError e)
        {
            throw new ShouldAssertException($"seed {seed} size {size}: {e.Message}\n{text}");
        }
    }
}
