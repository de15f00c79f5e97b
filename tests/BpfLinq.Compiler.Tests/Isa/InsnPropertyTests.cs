using System.Buffers.Binary;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Isa;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Isa;

/// <summary>FsCheck properties over generated instructions of every form (see <see cref="ValidInsns"/>).</summary>
public class InsnPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static string Show(Insn[] slots) => string.Join(" ", slots.Select(slot => $"0x{slot.ToUInt64():x16}"));

    [Fact]
    public void Slots_round_trip_through_their_64_bit_and_byte_forms()
    {
        Check.One(s_config, Prop.ForAll(ValidInsns.Any.ToArbitrary(), slots =>
        {
            var bytes = MemoryMarshal.AsBytes(slots.AsSpan()).ToArray();
            bytes.Length.ShouldBe(8 * slots.Length);
            for (var i = 0; i < slots.Length; i++)
            {
                var raw = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * 8));
                raw.ShouldBe(slots[i].ToUInt64());
                Insn.FromUInt64(raw).ShouldBe(slots[i]);
            }
            MemoryMarshal.Cast<byte, Insn>(bytes).ToArray().ShouldBe(slots);
        }));
    }

    [Fact]
    public void Every_generated_instruction_is_well_formed_and_its_text_assembles_to_the_same_slots()
    {
        Check.One(s_config, Prop.ForAll(ValidInsns.Any.ToArbitrary(), slots =>
        {
            var next = slots.Length > 1 ? slots[1] : default;
            Disassembler.IsWellFormed(slots[0], next).ShouldBeTrue(Show(slots));
            var text = Disassembler.Format(slots[0], next);
            text.ShouldNotStartWith(".8byte");
            Assembler.Assemble(text).ShouldBe(slots, text);
        }));
    }

    [Fact]
    public void A_program_listing_with_index_column_assembles_to_the_same_program()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(ValidInsns.Program.ToArbitrary(), program =>
        {
            var listing = string.Join("\n", Disassembler.Disassemble(program, DisassemblyOptions.IndexColumn | DisassemblyOptions.HelperNames));
            Assembler.Assemble(listing).ShouldBe(program, listing);
        }));
    }

    [Fact]
    public void Any_bit_pattern_prints_without_throwing_and_reads_back_to_the_same_slots()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(ValidInsns.AnyBits.ToArbitrary(), slots =>
        {
            var lines = Disassembler.Disassemble(slots, DisassemblyOptions.None);
            Assembler.Assemble(string.Join("\n", lines)).ShouldBe(slots, string.Join(" / ", lines));
            // A line is raw data exactly when the slot is not a well-formed instruction.
            lines[0].StartsWith(".8byte", StringComparison.Ordinal).ShouldBe(!Disassembler.IsWellFormed(slots[0], slots[1]));
        }));
    }

    [Fact]
    public void Wellformedness_agrees_with_the_assembler()
    {
        // Whatever the disassembler accepts as well-formed, printed and re-read, is accepted again:
        // the set of well-formed encodings is closed under the text round trip.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(ValidInsns.AnyBits.ToArbitrary(), slots =>
        {
            if (!Disassembler.TryFormat(slots[0], slots[1], out var text))
            {
                return;
            }
            var reassembled = Assembler.Assemble(text);
            Disassembler.IsWellFormed(reassembled[0], reassembled.Length > 1 ? reassembled[1] : default).ShouldBeTrue(text);
            reassembled.ShouldBe(slots[0].IsLoadImm64 ? slots : [slots[0]], text);
        }));
    }
}
