using BpfLinq.Compiler.Frontend;
using BpfLinq.Compiler.Isa;
using BpfLinq.Compiler.Tests.Differential.Generation;
using BpfLinq.Compiler.Tests.Differential.Kernel;
using BpfLinq.Compiler.Tests.Differential.Model;
using BpfLinq.Runtime;
using BpfLinq.Runtime.Native;
using BpfLinq.Testing;

namespace BpfLinq.Compiler.Tests.Differential.Tests;

/// <summary>
/// The test-run model against the kernel: every field each kind can read, over random frames and
/// <c>ctx_in</c> (on loopback and on a veth with four receive queues), must read what
/// <see cref="TestRunContext"/> predicts; the kernel must refuse exactly the inputs the model refuses;
/// the verifier must let each kind read exactly the fields <see cref="ContextReadability"/> lists.
/// </summary>
public sealed class TestRunModelTests
{
    private const int InputsPerField = 300;

    public static TheoryData<ProgramKind> Kinds => [.. ContextReadability.TestRunKinds];

    [KernelTheory]
    [MemberData(nameof(Kinds))]
    public void Every_readable_field_reads_what_the_model_predicts(ProgramKind kind)
    {
        using var veth = TestNetDevice.Create(rxQueues: 4);
        TestRunDevice[] devices = [veth.Device];
        var generator = new InputGenerator(devices);
        var random = new Random(20_250_601 + (int)kind);
        var inputs = Enumerable.Range(0, InputsPerField).Select(_ => generator.Next(random)).ToArray();
        inputs.ShouldAllBe(input => input.Refusal(kind, devices) == null);
        var mismatches = new List<string>();

        foreach (var probe in ContextProbe.All(FieldsOf(kind)).Where(p => ContextReadability.CanRead(kind, p.Field.Property.Name)))
        {
            using var program = KernelHarness.Load(kind, probe.Program(kind));
            foreach (var input in inputs)
            {
                var expected = probe.Expected(input.Predict(kind, devices));
                var actual = ContextProbe.Read(program, kind, input);
                if (actual != expected)
                {
                    mismatches.Add($"{probe}: kernel 0x{actual:x}, model 0x{expected:x} on {input}");
                    break;
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [KernelTheory]
    [MemberData(nameof(Kinds))]
    public void The_verifier_lets_each_kind_read_exactly_the_fields_the_model_lists(ProgramKind kind)
    {
        var wrong = new List<string>();
        foreach (var probe in ContextProbe.All(FieldsOf(kind)))
        {
            bool accepted;
            try
            {
                using var program = KernelHarness.Load(kind, probe.Program(kind), VerifierLogLevel.None);
                accepted = true;
            }
            catch (BpfException)
            {
                accepted = false;
            }
            if (accepted != ContextReadability.CanRead(kind, probe.Field.Property.Name))
            {
                wrong.Add($"{probe}: verifier {(accepted ? "accepts" : "rejects")} the read");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [KernelTheory]
    [MemberData(nameof(Kinds))]
    public void The_kernel_refuses_exactly_the_inputs_the_model_refuses(ProgramKind kind)
    {
        using var veth = TestNetDevice.Create(rxQueues: 4);
        TestRunDevice[] devices = [veth.Device];
        var generator = new InputGenerator(devices);
        var random = new Random(7_000 + (int)kind);
        using var program = KernelHarness.Load(kind, [Insn.Mov32(Reg.R0, 0), Insn.Exit()]);
        var refused = 0;
        var disagreements = new List<string>();

        for (var i = 0; i < 600; i++)
        {
            var input = InputMutations.Spoil(random, generator.Next(random), veth.Device);
            var predicted = input.Refusal(kind, devices);
            string? actual = null;
            try
            {
                KernelHarness.Run(program, kind, input);
            }
            catch (BpfException e)
            {
                actual = e.Errno.ToString();
            }
            refused += actual is null ? 0 : 1;
            if (actual != predicted?.Split(':')[0])
            {
                disagreements.Add($"kernel {actual ?? "runs it"}, model {predicted ?? "runs it"}: {input}");
            }
        }

        disagreements.ShouldBeEmpty();
        refused.ShouldBeInRange(100, 500, "the mutations should spoil a good share of the inputs, not all");
    }

    [KernelFact]
    public void Sk_skb_programs_cannot_be_test_run_so_the_model_leaves_them_out()
    {
        using var program = KernelHarness.Load(ProgramKind.SkSkb, [Insn.Mov32(Reg.R0, 1), Insn.Exit()]);

        var error = Should.Throw<BpfException>(() => KernelHarness.Run(program, ProgramKind.SkSkb, TestRunInput.OfFrame(new byte[64])));

        error.Errno.ShouldBe(Errno.ENOTSUPP);
        Should.Throw<ArgumentException>(() => TestRunContext.ForSkb(ProgramKind.SkSkb, new byte[64]));
    }

    private static IReadOnlyList<ContextField> FieldsOf(ProgramKind kind) =>
        kind == ProgramKind.Xdp ? ContextFieldTable.XdpMd : ContextFieldTable.SkBuff;
}
