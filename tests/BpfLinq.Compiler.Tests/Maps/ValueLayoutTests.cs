using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Compiler.Tests.Maps;

/// <summary>
/// The layouts of map keys and values: every field's offset checked against where the CLR really
/// puts it in a live instance, rejections that say why, and the BTF that describes them.
/// </summary>
public sealed unsafe class ValueLayoutTests
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Padded
    {
        public byte A;
        public ulong B;
        public ushort C;
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    public struct Packed
    {
        public byte A;
        public uint B;
        public ushort C;
    }

    [StructLayout(LayoutKind.Explicit, Size = 16)]
    public struct Explicit
    {
        [FieldOffset(0)] public uint Low;
        [FieldOffset(8)] public ulong High;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Outer
    {
        public ushort Tag;
        public Padded Inner;
        public fixed byte Name[6];
        public int Last;
    }

    [StructLayout(LayoutKind.Auto)]
    public struct AutoLayoutStruct
    {
        public int A;
        public long B;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct WithReference
    {
        public int A;
        public string B;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct WithBool
    {
        public bool Flag;
    }

    [Theory]
    [InlineData(typeof(Padded))]
    [InlineData(typeof(Packed))]
    [InlineData(typeof(Explicit))]
    [InlineData(typeof(Outer))]
    public void Offsets_computed_without_a_jit_are_the_clrs(Type type)
    {
        // What a NativeAOT binary uses, where the CLR has no marshalling data to ask.
        foreach (var field in StructFieldOffsets.InstanceFields(type))
        {
            StructFieldOffsets.Computed(type, field).ShouldBe((int)Marshal.OffsetOf(type, field.Name), field.Name);
        }
    }

    [Fact]
    public void Offsets_are_where_the_clr_puts_the_fields()
    {
        Padded padded = default;
        Check(Layout<Padded>(), [("A", Offset(ref padded, ref padded.A)), ("B", Offset(ref padded, ref padded.B)), ("C", Offset(ref padded, ref padded.C))]);
        Packed packed = default;
        Check(Layout<Packed>(), [("A", 0), ("B", Offset(ref packed, ref packed.B)), ("C", Offset(ref packed, ref packed.C))]);
        Layout<Packed>().Size.ShouldBe(7);
        Check(Layout<Explicit>(), [("Low", 0), ("High", 8)]);
        Outer outer = default;
        var layout = Layout<Outer>();
        Check(layout, [("Tag", 0), ("Inner", Offset(ref outer, ref outer.Inner)), ("Name", Offset(ref outer, ref outer.Name[0])), ("Last", Offset(ref outer, ref outer.Last))]);
        layout.Size.ShouldBe(Unsafe.SizeOf<Outer>());
        layout.Fields.Single(f => f.Name == "Name").Layout.FixedBuffer.ShouldBe((typeof(byte), 6));
    }

    [Theory]
    [InlineData(typeof(AutoLayoutStruct), "automatic layout")]
    [InlineData(typeof(WithReference), "B: String is not a primitive or an unmanaged struct")]
    [InlineData(typeof(WithBool), "Flag: Boolean is not a primitive or an unmanaged struct")]
    [InlineData(typeof(string), "not a primitive or an unmanaged struct")]
    public void Types_without_a_fixed_layout_are_refused_with_the_reason(Type type, string reason)
    {
        ValueLayout.TryOf(type, out _, out var why).ShouldBeFalse();
        why.ShouldContain(reason);
    }

    [Fact]
    public void Map_btf_names_every_field_at_its_offset()
    {
        var (blob, keyId, valueId) = ClrBtf.ForMap(typeof(uint), typeof(Outer)).ShouldNotBeNull();
        var spec = BtfDecoder.Decode(blob);

        ((BtfInt)spec.GetType(keyId)).Size.ShouldBe(4u);
        var outer = (BtfStruct)spec.GetType(valueId);
        outer.Name.ShouldBe("Outer");
        outer.Size.ShouldBe((uint)Unsafe.SizeOf<Outer>());
        outer.Members.Select(m => (m.Name, m.BitOffset / 8)).ShouldBe(Layout<Outer>().Fields.Select(f => ((string?)f.Name, (uint)f.Offset)));
        outer.Members.Single(m => m.Name == "Name").Type.ShouldBeOfType<BtfArray>().Count.ShouldBe(6u);
        outer.Members.Single(m => m.Name == "Inner").Type.ShouldBeOfType<BtfStruct>().Members.Count.ShouldBe(3);
    }

    private static ValueLayout Layout<T>()
    {
        ValueLayout.TryOf(typeof(T), out var layout, out var reason).ShouldBeTrue(reason);
        return layout;
    }

    private static void Check(ValueLayout layout, (string Name, int Offset)[] expected) =>
        layout.Fields.Select(f => (f.Name, f.Offset)).ShouldBe(expected);

    private static int Offset<TOwner, TField>(ref TOwner owner, ref TField field) =>
        (int)Unsafe.ByteOffset(ref Unsafe.As<TOwner, byte>(ref owner), ref Unsafe.As<TField, byte>(ref field));
}
