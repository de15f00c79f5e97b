using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Ir;
using BpfLinq.Compiler.Isa;
using BpfLinq.Maps;

namespace BpfLinq.Compiler.Frontend;

/// <summary>How a call of one intrinsic is lowered (null for a call without a value).</summary>
internal delegate Value? IntrinsicLowering(IrLowering lowering, MethodCallExpression call);

/// <summary>How a call of one map method is lowered, given the captured map and its index in the module.</summary>
internal delegate Value MapOperation(MapLowering maps, MethodCallExpression call, MapDefinition map, int index);

/// <summary>
/// The methods a lambda may call, each with its lowering: one row per method (all overloads of a name
/// share it; a method of a generic type is found through the type's definition). Lowering a call is
/// looking it up here; a method without a row is not supported. Every intrinsic has a managed
/// implementation that computes what the kernel computes, so <c>Evaluate</c> agrees.
/// </summary>
internal static class IntrinsicTable
{
    private static readonly Dictionary<(Type Type, string Name), IntrinsicLowering> s_table = new()
    {
        [(typeof(Verdict), nameof(Verdict.Keep))] = static (l, c) => l.LowerVerdictKeep(c),

        // Arithmetic with eBPF's rules.
        [(typeof(Bpf), nameof(Bpf.Div))] = static (l, c) => l.LowerEbpfDivision(c, Op.SDiv, Op.UDiv),
        [(typeof(Bpf), nameof(Bpf.Rem))] = static (l, c) => l.LowerEbpfDivision(c, Op.SRem, Op.URem),

        // Kernel helpers and kfuncs.
        [(typeof(Bpf), nameof(Bpf.Then))] = static (l, c) => l.Helpers.LowerThen(c),
        [(typeof(Bpf), nameof(Bpf.KtimeGetNs))] = static (l, c) => l.Helpers.LowerPlainHelper(c, Helper.KtimeGetNs, low32: false),
        [(typeof(Bpf), nameof(Bpf.GetPrandomU32))] = static (l, c) => l.Helpers.LowerPlainHelper(c, Helper.GetPrandomU32, low32: true),
        [(typeof(Bpf), nameof(Bpf.GetSmpProcessorId))] = static (l, c) => l.Helpers.LowerPlainHelper(c, Helper.GetSmpProcessorId, low32: true),
        [(typeof(Bpf), nameof(Bpf.GetHashRecalc))] = static (l, c) => l.Helpers.LowerPlainHelper(c, Helper.GetHashRecalc, low32: true),
        [(typeof(Bpf), nameof(Bpf.Strncmp))] = static (l, c) => l.Helpers.LowerStrncmp(c),
        [(typeof(Bpf), nameof(Bpf.Strcmp))] = static (l, c) => l.Helpers.LowerStrcmp(c),
        [(typeof(Bpf), nameof(Bpf.LoadBytes))] = static (l, c) => l.Helpers.LowerLoadBytesAsValue(c),
        [(typeof(Bpf), nameof(Bpf.Redirect))] = static (l, c) => l.Helpers.LowerRedirect(c),
        [(typeof(Bpf), nameof(Bpf.TracePrintk))] = static (l, c) => l.Helpers.LowerTracePrintk(c),
        [(typeof(Bpf), nameof(Bpf.StoreBytes))] = static (l, c) => l.Helpers.LowerStoreBytes(c),
        [(typeof(Bpf), nameof(Bpf.L3CsumReplace))] = static (l, c) => l.Helpers.LowerChecksumReplace(c, isL4: false),
        [(typeof(Bpf), nameof(Bpf.L4CsumReplace))] = static (l, c) => l.Helpers.LowerChecksumReplace(c, isL4: true),
        [(typeof(Bpf), nameof(Bpf.CallHelper))] = static (l, c) => l.Helpers.LowerCallHelper(c),
        [(typeof(Bpf), nameof(Bpf.CallKfunc))] = static (l, c) => l.Helpers.LowerCallKfunc(c),

        // Loops left for bpf_loop (DesugarLoops expanded the inline ones).
        [(typeof(Bpf), nameof(Bpf.Any))] = static (l, c) => l.Loops.LowerAnyLoop(c),
        [(typeof(Bpf), nameof(Bpf.FirstIndex))] = static (l, c) => l.Loops.LowerLoopCall(c, isFold: false),
        [(typeof(Bpf), nameof(Bpf.Fold))] = static (l, c) => l.Loops.LowerLoopCall(c, isFold: true),

        // Functions compiled as subprograms (ExpandFunctions inlined the others).
        [(typeof(BpfFunction<,>), "Invoke")] = static (l, c) => l.Functions.LowerFunctionCall(c),
        [(typeof(BpfFunction<,,>), "Invoke")] = static (l, c) => l.Functions.LowerFunctionCall(c),
        [(typeof(BpfFunction<,,,>), "Invoke")] = static (l, c) => l.Functions.LowerFunctionCall(c),
        [(typeof(BpfFunction<,,,,>), "Invoke")] = static (l, c) => l.Functions.LowerFunctionCall(c),
        [(typeof(BpfFunction<,,,,,>), "Invoke")] = static (l, c) => l.Functions.LowerFunctionCall(c),

        // Packet primitives, what DesugarPackets turned packet views into.
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Read))] = static (l, c) => l.Packets.LowerPacketRead(c, size: null),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Read64))] = static (l, c) => l.Packets.LowerPacketRead(c, size: 8),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Has))] = static (l, c) => l.Packets.LowerPacketHas(c),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Swap16))] = static (l, c) => l.Packets.LowerByteSwap(c, IrType.I32, 16),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Swap32))] = static (l, c) => l.Packets.LowerByteSwap(c, IrType.I32, 32),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.Swap64))] = static (l, c) => l.Packets.LowerByteSwap(c, IrType.I64, 64),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.VlanTags))] = static (l, c) => l.Packets.LowerVlanTags(c),
        [(typeof(PacketPrimitives), nameof(PacketPrimitives.XdpLength))] = static (l, _) => l.Packets.LowerXdpLength(),

        // Map methods, on a captured map.
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.GetValueOrDefault))] = Map(static (maps, c, m, i) => maps.LowerMapGet(c, m, i)),
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.ContainsKey))] = Map(static (maps, c, m, i) => maps.LowerMapContainsKey(c, m, i)),
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.Update))] = Map(static (maps, c, m, i) => maps.LowerMapUpdate(c, m, i)),
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.Delete))] = Map(static (maps, c, m, i) => maps.LowerMapDelete(c, m, i)),
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.Add))] = Map(static (maps, c, m, i) => maps.LowerMapAddCall(c, m, i)),
        [(typeof(KeyValueMap<,>), nameof(KeyValueMap<int, int>.Increment))] = Map(static (maps, c, m, i) => maps.LowerMapIncrement(c, m, i)),
        [(typeof(SockMap), nameof(SockMap.Redirect))] = Map(static (maps, c, m, i) => maps.LowerSockMapRedirect(c, m, i)),
        [(typeof(DevMap), nameof(DevMap.Redirect))] = Map(static (maps, c, m, i) => maps.LowerDevMapRedirect(c, m, i)),
        [(typeof(RingBuffer<>), nameof(RingBuffer<int>.Submit))] = Map(static (maps, c, m, i) => maps.LowerRingbufSubmit(c, m, i)),
        [(typeof(RingBuffer<>), nameof(RingBuffer<int>.Output))] = Map(static (maps, c, m, i) => maps.LowerRingbufOutput(c, m, i)),
    };

    /// <summary>The lowering of a method, or null when a lambda may not call it.</summary>
    public static IntrinsicLowering? Find(MethodInfo method) =>
        method.DeclaringType is { } type && s_table.TryGetValue((type.IsConstructedGenericType ? type.GetGenericTypeDefinition() : type, method.Name), out var lowering)
            ? lowering
            : null;

    private static IntrinsicLowering Map(MapOperation operation) => (l, c) => l.Maps.LowerMapCall(c, operation);
}
