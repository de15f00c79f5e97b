using System.Buffers.Binary;
using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Testing;
using static BpfLinq.Verdict;

namespace BpfLinq.Runtime.Tests.Compiled;

/// <summary>
/// A captured array's <c>Contains</c> is an intrinsic: a chain of compares for short sets, a binary
/// search over the sorted constants for long ones. Random sets of every integer element type (with
/// duplicates, empty, negative and unsigned extremes) against random values agree three ways: the
/// kernel, <c>Evaluate</c>, and <c>array.Contains(value)</c> in .NET.
/// </summary>
public sealed class ContainsTests
{
    private static readonly ushort[] s_ports = [22, 80, 443];

    private static readonly ushort[] s_manyPorts = [21, 22, 23, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 3306, 5432, 6379, 8080, 8443, 9000, 27017];

    private static readonly Service[] s_services = [Service.Http, Service.Ssh, Service.Https, Service.Ssh];

    private static readonly sbyte[] s_signed = [-128, -1, 0, 5, 127, -3, 9, 11, -100, 60];

    private static readonly Type[] s_elementTypes = [typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong)];

    public static TheoryData<string> ElementTypes() => [.. s_elementTypes.Select(t => t.Name)];

    [KernelFact]
    public void Ports_Contains_written_as_users_write_it_loads_and_agrees_with_Evaluate()
    {
        var few = Bpf.Filter<SkBuff>(skb => s_ports.Contains(skb.Packet.U16(36)) ? Drop : Pass);
        var many = Bpf.Filter<SkBuff>(skb => s_manyPorts.Contains(skb.Packet.U16(36)) ? Drop : Pass);

        foreach (var filter in new[] { few, many })
        {
            using var program = filter.Compile(ProgramKind.Tc).Load();
            foreach (var port in new ushort[] { 0, 21, 22, 23, 79, 80, 443, 444, 3306, 8080, 27017, 65535 })
            {
                var frame = Frame(36, BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(port)));
                var expected = filter == few ? s_ports.Contains(port) : s_manyPorts.Contains(port);
                program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(expected ? 2u : 0u, $"port {port}");
                ((uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc)).ShouldBe(expected ? 2u : 0u, $"port {port}");
            }
        }
    }

    [KernelFact]
    public void Enum_and_signed_elements_compare_as_CSharp_compares_them()
    {
        var services = Bpf.Program<SkBuff>(skb => s_services.Contains((Service)skb.Packet.U16(36)) ? 1 : 0);
        var signed = Bpf.Program<SkBuff>(skb => s_signed.Contains((sbyte)skb.Packet.U8(36)) ? 1 : 0);

        foreach (var filter in new[] { services, signed })
        {
            using var program = filter.Compile(ProgramKind.Tc).Load();
            foreach (var word in new ushort[] { 0, 22, 80, 81, 443, 0x8000, 0xff00, 0x8100, 0x0500, 0x7f00, 0x9c00, 0xfd00 })
            {
                var frame = Frame(36, BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(word)));
                var expected = filter == services ? s_services.Contains((Service)word) : s_signed.Contains((sbyte)(word >> 8));
                program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(expected ? 1u : 0u, $"0x{word:x4}");
                ((uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc)).ShouldBe(expected ? 1u : 0u, $"0x{word:x4}");
            }
        }
    }

    [Fact]
    public void Twenty_ports_are_searched_not_compared_one_by_one()
    {
        var searched = Bpf.Filter<SkBuff>(skb => s_manyPorts.Contains(skb.Packet.U16(36)) ? Drop : Pass).Compile(ProgramKind.Tc);
        var chained = Bpf.Filter<SkBuff>(skb => Bpf.Let(skb.Packet.U16(36), p => p == 21 || p == 22 || p == 23 || p == 25 || p == 53 || p == 80 || p == 110
            || p == 143 || p == 443 || p == 465 || p == 587 || p == 993 || p == 995 || p == 3306 || p == 5432 || p == 6379 || p == 8080 || p == 8443
            || p == 9000 || p == 27017) ? Drop : Pass).Compile(ProgramKind.Tc);

        // The longest run: 3 halvings and a chain of at most 3, where the chain is 20 compares:
        // 32 instructions against 43 measured, the pull prologue included.
        LongestPath(searched).ShouldBeLessThanOrEqualTo(LongestPath(chained) - 10, searched.Disassemble());
    }

    [Fact]
    public void Three_ports_are_a_chain_of_three_compares()
    {
        var compiled = Bpf.Filter<SkBuff>(skb => s_ports.Contains(skb.Packet.U16(36)) ? Drop : Pass).Compile(ProgramKind.Tc);
        var written = Bpf.Filter<SkBuff>(skb => Bpf.Let(skb.Packet.U16(36), p => p == 22 || p == 80 || p == 443) ? Drop : Pass).Compile(ProgramKind.Tc);

        compiled.Instructions.Length.ShouldBeLessThanOrEqualTo(written.Instructions.Length, compiled.Disassemble());
    }

    [KernelTheory]
    [MemberData(nameof(ElementTypes))]
    public void Random_sets_agree_in_the_kernel_in_Evaluate_and_in_dotnet(string elementType)
    {
        var type = s_elementTypes.Single(t => t.Name == elementType);
        var seed = Environment.GetEnvironmentVariable("BPFLINQ_CONTAINS_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed + type.Name.Length);
        for (var round = 0; round < 12; round++)
        {
            var size = round switch { 0 => 0, 1 => 1, _ => random.Next(2, 40) };
            var set = Array.CreateInstance(type, size);
            for (var k = 0; k < size; k++)
            {
                set.SetValue(Element(type, k > 0 && random.Next(4) == 0 ? ToBits(set.GetValue(random.Next(k))!) : RandomBits(random)), k); // a quarter are duplicates
            }
            var filter = Filter(set, type);
            using var program = filter.Compile(ProgramKind.Tc).Load();
            for (var probe = 0; probe < 10; probe++)
            {
                var bits = size > 0 && probe % 2 == 0 ? ToBits(set.GetValue(random.Next(size))!) + (ulong)(probe % 4 == 0 ? 0 : 1) : RandomBits(random);
                var frame = Frame(40, BitConverter.GetBytes(BinaryPrimitives.ReverseEndianness(bits)));
                var expected = ((System.Collections.IList)set).Contains(Element(type, bits)) ? 1u : 0u;
                var context = $"seed {seed}, {type.Name}[] {{ {string.Join(", ", set.Cast<object>())} }}, value {Element(type, bits)}";
                program.TestRun(new TestRunOptions { DataIn = frame }).ReturnValue.ShouldBe(expected, context);
                ((uint)filter.EvaluateTestRun(frame, kind: ProgramKind.Tc)).ShouldBe(expected, context);
            }
        }
    }

    // The most instructions one run can execute (the code has no back edges).
    private static int LongestPath(CompiledProgram program)
    {
        var code = program.Instructions;
        var longest = new int[code.Length + 1];
        for (var i = code.Length - 1; i >= 0; i--)
        {
            var insn = code[i];
            var jumps = insn.Class is Compiler.Isa.InsnClass.Jmp or Compiler.Isa.InsnClass.Jmp32 && insn.JmpOp is not (Compiler.Isa.JmpOp.Call or Compiler.Isa.JmpOp.Exit);
            var target = jumps ? longest[i + 1 + insn.Offset] : 0;
            var next = insn.Class is Compiler.Isa.InsnClass.Jmp && insn.JmpOp is Compiler.Isa.JmpOp.Exit or Compiler.Isa.JmpOp.Ja ? 0 : longest[i + 1];
            longest[i] = 1 + Math.Max(target, next);
        }
        return longest[0];
    }

    // skb => Enumerable.Contains(set, (T)skb.Packet.U64(40)) ? 1 : 0
    private static BpfFilter<SkBuff> Filter(Array set, Type type)
    {
        var skb = Expression.Parameter(typeof(SkBuff), "skb");
        var word = Expression.Call(Expression.Property(skb, nameof(SkBuff.Packet)), typeof(Packet).GetMethod(nameof(Packet.U64))!, Expression.Constant(40));
        var contains = typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(type);
        var test = Expression.Call(contains, Expression.Constant(set), Expression.Convert(word, type));
        return Bpf.Program(Expression.Lambda<Func<SkBuff, long>>(Expression.Condition(test, Expression.Constant(1L), Expression.Constant(0L)), skb));
    }

    // Extremes and small numbers more often than uniform bits would give them.
    private static ulong RandomBits(Random random) => random.Next(4) switch
    {
        0 => (ulong)random.Next(-3, 4),
        1 => random.Next(2) == 0 ? 0x7fffffffffffffff : 0x8000000000000000,
        2 => (ulong)random.Next(0, 70000),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40),
    };

    private static object Element(Type type, ulong bits) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => (byte)bits,
        TypeCode.SByte => (sbyte)bits,
        TypeCode.Int16 => (short)bits,
        TypeCode.UInt16 => (ushort)bits,
        TypeCode.Int32 => (int)bits,
        TypeCode.UInt32 => (uint)bits,
        TypeCode.Int64 => (long)bits,
        _ => bits,
    };

    private static ulong ToBits(object element) => element switch
    {
        byte b => b,
        sbyte b => (ulong)b,
        short s => (ulong)s,
        ushort s => s,
        int i => (ulong)i,
        uint i => i,
        long l => (ulong)l,
        _ => (ulong)element,
    };

    private static byte[] Frame(int at, byte[] bytes)
    {
        var frame = NeedleFrames.Of((100, -1)).Single();
        bytes.CopyTo(frame, at);
        return frame;
    }
}

/// <summary>Ports as an enum, to look up by Contains.</summary>
public enum Service : ushort
{
    /// <summary>SSH.</summary>
    Ssh = 22,

    /// <summary>HTTP.</summary>
    Http = 80,

    /// <summary>HTTPS.</summary>
    Https = 443,
}
