namespace BpfLinq.Compiler.Btf;

// The raw BTF format (include/uapi/linux/btf.h), all fields little-endian u32 unless noted:
//
//   struct btf_header { u16 magic = 0xeB9F; u8 version = 1; u8 flags = 0; u32 hdr_len = 24;
//                       u32 type_off; u32 type_len; u32 str_off; u32 str_len; }
//     (section offsets count from the end of the header)
//
//   struct btf_type   { u32 name_off; u32 info; u32 size_or_type; }      followed by a tail:
//
//   info:  31 | 30 29 | 28 ... 24 | 23 ... 16 | 15 ... 0
//         kflag  0 0      kind         0          vlen
//
//   INT      u32: encoding << 24 | bit offset << 16 | nr_bits        (bits 8-15, 28-31 zero)
//   ARRAY    { u32 type; u32 index_type; u32 nelems; }
//   STRUCT, UNION  vlen x { u32 name_off; u32 type; u32 offset; }
//            offset = kflag ? bitfield_size << 24 | bit_offset : bit_offset
//   ENUM     vlen x { u32 name_off; s32 val; }                        (kflag: signed)
//   ENUM64   vlen x { u32 name_off; u32 val_lo32; u32 val_hi32; }     (kflag: signed)
//   FUNC_PROTO  vlen x { u32 name_off; u32 type; }                    (last {0, 0}: variadic)
//   VAR      { u32 linkage; }
//   DATASEC  vlen x { u32 type; u32 offset; u32 size; }
//   DECL_TAG { s32 component_idx; }                                   (kflag: attribute)
//   others   nothing; FUNC keeps its linkage in vlen, FWD its union-ness in kflag,
//            TYPE_TAG its attribute-ness in kflag.

/// <summary>Constants and bit packing of the raw BTF format; no I/O, no objects.</summary>
internal static class BtfWire
{
    public const ushort Magic = 0xeB9F;
    public const byte Version = 1;
    public const int HeaderSize = 24;
    public const int TypeRecordSize = 12;

    /// <summary>BTF_MAX_VLEN.</summary>
    public const int MaxVlen = 0xffff;

    /// <summary>BTF_MAX_TYPE: the largest type id the kernel accepts.</summary>
    public const int MaxTypeId = 0x000fffff;

    /// <summary>BTF_MAX_NAME_OFFSET: the largest string offset the kernel accepts.</summary>
    public const uint MaxNameOffset = 0x00ffffff;

    /// <summary>A struct member's bit offset must fit 24 bits when kind_flag packs a bitfield size above it.</summary>
    public const uint MaxKindFlagBitOffset = 0x00ffffff;

    public const int KindMax = (int)BtfKind.Enum64;

    private const uint KindFlagBit = 1u << 31;
    private const uint InfoMask = KindFlagBit | (0x1fu << 24) | 0xffffu;
    private const uint IntDataMask = 0x0fff00ffu;

    public static uint Info(BtfKind kind, int vlen, bool kindFlag) =>
        (uint)vlen | ((uint)kind << 24) | (kindFlag ? KindFlagBit : 0);

    public static BtfKind Kind(uint info) => (BtfKind)((info >> 24) & 0x1f);

    public static int Vlen(uint info) => (int)(info & 0xffff);

    public static bool KindFlag(uint info) => (info & KindFlagBit) != 0;

    /// <summary>True when no reserved bit of info (16–23, 29–30) is set.</summary>
    public static bool InfoReservedBitsClear(uint info) => (info & ~InfoMask) == 0;

    public static uint IntData(BtfIntEncoding encoding, int bitOffset, int bits) =>
        ((uint)encoding << 24) | ((uint)bitOffset << 16) | (uint)bits;

    public static BtfIntEncoding IntEncoding(uint data) => (BtfIntEncoding)((data >> 24) & 0x0f);

    public static int IntBitOffset(uint data) => (int)((data >> 16) & 0xff);

    public static int IntBits(uint data) => (int)(data & 0xff);

    public static bool IntReservedBitsClear(uint data) => (data & ~IntDataMask) == 0;

    public static uint MemberOffset(uint bitOffset, int bitfieldSize, bool kindFlag) =>
        kindFlag ? ((uint)bitfieldSize << 24) | bitOffset : bitOffset;

    public static uint MemberBitOffset(uint offset, bool kindFlag) => kindFlag ? offset & 0x00ffffff : offset;

    public static int MemberBitfieldSize(uint offset, bool kindFlag) => kindFlag ? (int)(offset >> 24) : 0;

    /// <summary>Bytes following the 12-byte record for <paramref name="kind"/>, or -1 for an unknown kind.</summary>
    public static long TailSize(BtfKind kind, int vlen) => kind switch
    {
        BtfKind.Int => 4,
        BtfKind.Array => 12,
        BtfKind.Struct or BtfKind.Union => 12L * vlen,
        BtfKind.Enum => 8L * vlen,
        BtfKind.Enum64 => 12L * vlen,
        BtfKind.FuncProto => 8L * vlen,
        BtfKind.Var => 4,
        BtfKind.DataSec => 12L * vlen,
        BtfKind.DeclTag => 4,
        BtfKind.Pointer or BtfKind.Fwd or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const
            or BtfKind.Restrict or BtfKind.Func or BtfKind.Float or BtfKind.TypeTag => 0,
        _ => -1,
    };
}
