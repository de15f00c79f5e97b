using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Info;

namespace BpfLinq.Runtime;

/// <summary>The kernel's description of a loaded program (<c>struct bpf_prog_info</c>).</summary>
public sealed record ProgramInfo
{
    /// <summary>The program type.</summary>
    public required ProgramType Type { get; init; }

    /// <summary>The kernel-wide program id (what <c>bpftool prog show id N</c> takes).</summary>
    public required uint Id { get; init; }

    /// <summary>The program tag: a hash of the instructions before fd patching, as 16 lowercase hex digits.</summary>
    public required string Tag { get; init; }

    /// <summary>The name given at load, possibly empty.</summary>
    public required string Name { get; init; }

    /// <summary>Size in bytes of the instructions after the verifier's rewrites.</summary>
    public required uint XlatedSize { get; init; }

    /// <summary>Size in bytes of the JIT-compiled code (0 when not JIT-compiled).</summary>
    public required uint JitedSize { get; init; }

    /// <summary>How many instructions the verifier processed (<c>verified_insns</c>).</summary>
    public required uint VerifiedInsns { get; init; }

    /// <summary>The ids of the maps the program uses.</summary>
    public required IReadOnlyList<uint> MapIds { get; init; }

    /// <summary>The id of the program's BTF object, 0 when it has none.</summary>
    public required uint BtfId { get; init; }

    /// <summary>Whether the license is GPL-compatible.</summary>
    public required bool GplCompatible { get; init; }

    /// <summary>The uid that loaded it.</summary>
    public required uint CreatedByUid { get; init; }

    /// <summary>The number of <c>func_info</c> records the program carries.</summary>
    public required uint FuncInfoCount { get; init; }

    /// <summary>The number of <c>line_info</c> records the program carries.</summary>
    public required uint LineInfoCount { get; init; }

    internal static unsafe ProgramInfo Read(BpfFileDescriptor fd, object owner)
    {
        const string Operation = "read program info";
        var info = default(BpfProgInfo);
        ObjectInfo.Get(fd, owner, ref info, Operation);

        uint[] mapIds = new uint[info.NrMapIds];
        if (mapIds.Length > 0)
        {
            // A second call with only the map-id array set: every other input field must stay zero,
            // or the kernel would try to copy jited code etc. into null pointers.
            fixed (uint* ids = mapIds)
            {
                var withMaps = new BpfProgInfo { NrMapIds = (uint)mapIds.Length, MapIds = (ulong)ids };
                ObjectInfo.Get(fd, owner, ref withMaps, Operation);
                mapIds = mapIds[..(int)Math.Min(withMaps.NrMapIds, (uint)mapIds.Length)];
            }
        }

        return new ProgramInfo
        {
            Type = (ProgramType)info.Type,
            Id = info.Id,
            Tag = Convert.ToHexStringLower(new ReadOnlySpan<byte>(info.Tag, 8)),
            Name = ObjectName.Read(new ReadOnlySpan<byte>(info.Name, 16)),
            XlatedSize = info.XlatedProgLen,
            JitedSize = info.JitedProgLen,
            VerifiedInsns = info.VerifiedInsns,
            MapIds = mapIds,
            BtfId = info.BtfId,
            GplCompatible = (info.GplCompatible & 1) != 0,
            CreatedByUid = info.CreatedByUid,
            FuncInfoCount = info.NrFuncInfo,
            LineInfoCount = info.NrLineInfo,
        };
    }
}
