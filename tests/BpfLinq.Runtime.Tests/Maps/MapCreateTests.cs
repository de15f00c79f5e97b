using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime;
using BpfLinq.Testing;

namespace BpfLinq.Runtime.Tests.Maps;

public class MapCreateTests
{
    public static TheoryData<MapType, int, int, int, MapFlags> Shapes() => new()
    {
        { MapType.Hash, 4, 8, 16, MapFlags.None },
        { MapType.Hash, 16, 32, 16, MapFlags.NoPrealloc },
        { MapType.Array, 4, 8, 16, MapFlags.None },
        { MapType.Array, 4, 8, 16, MapFlags.Mmapable },
        { MapType.PerCpuHash, 4, 12, 16, MapFlags.None },
        { MapType.PerCpuArray, 4, 8, 16, MapFlags.None },
        { MapType.LruHash, 8, 8, 16, MapFlags.None },
        { MapType.LpmTrie, 8, 4, 16, MapFlags.NoPrealloc },
        { MapType.RingBuf, 0, 0, 4 * 4096, MapFlags.None },
        { MapType.SockMap, 4, 4, 2, MapFlags.None },
        { MapType.Array, 4, 8, 1, MapFlags.RdonlyProg },
    };

    [KernelTheory]
    [MemberData(nameof(Shapes))]
    public void Each_map_type_is_created_as_asked(MapType type, int keySize, int valueSize, int maxEntries, MapFlags flags)
    {
        using var map = BpfMap.Create(new MapCreateOptions
        {
            Type = type,
            KeySize = keySize,
            ValueSize = valueSize,
            MaxEntries = maxEntries,
            Flags = flags,
            Name = "t_" + type.ToString().ToLowerInvariant(),
        });

        var info = map.GetInfo();
        info.Type.ShouldBe(type);
        info.KeySize.ShouldBe(keySize);
        info.ValueSize.ShouldBe(valueSize);
        info.MaxEntries.ShouldBe(maxEntries);
        info.Flags.ShouldBe(flags);
        info.Name.ShouldBe(map.Name);
        info.Id.ShouldBeGreaterThan(0u);
        map.Fd.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("a_name_too_long", true)]
    [InlineData("sixteen_chars_xx", false)]
    [InlineData("with space", false)]
    [InlineData("dash-ed", false)]
    [InlineData("ünicode", false)]
    [InlineData("dots.and_1", true)]
    public void Names_follow_the_kernels_rules(string name, bool valid)
    {
        if (valid)
        {
            if (TestEnvironment.KernelSkipReason is null)
            {
                using var map = BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 4, MaxEntries = 1, Name = name });
                map.GetInfo().Name.ShouldBe(name);
            }
            return;
        }
        var error = Should.Throw<ArgumentException>(() =>
            BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 4, ValueSize = 4, MaxEntries = 1, Name = name }));
        error.Message.ShouldContain(name);
    }

    [KernelFact]
    public void A_kernel_refusal_names_the_map_and_the_fix()
    {
        // An array's keys are u32 indices: any other key size is EINVAL.
        var error = Should.Throw<BpfException>(() =>
            BpfMap.Create(new MapCreateOptions { Type = MapType.Array, KeySize = 8, ValueSize = 4, MaxEntries = 1, Name = "bad_array" }));

        error.Errno.ShouldBe(BpfLinq.Errno.EINVAL);
        error.Message.ShouldStartWith("create Array map 'bad_array': BPF_MAP_CREATE failed with EINVAL");
        error.Message.ShouldContain("key/value sizes");
    }
}
