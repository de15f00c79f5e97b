using System.Buffers.Binary;
using System.Linq.Expressions;
using System.Net;
using System.Net.Sockets;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend.Normalize;

// Methods of the views: raw reads, byte-string matches, address and network tests. Constants are
// prepared in memory order, so a match is a raw read compared with a constant: no byte swap at run time.
internal sealed partial class DesugarPackets
{
    private const int MaxMatchBytes = 64;

    private Expression Method(View v, MethodCallExpression node)
    {
        var name = node.Method.Name;
        if (v.Type == typeof(Packet))
        {
            return name switch
            {
                nameof(Packet.U8) => Expression.Convert(Raw(v with { Offset = Offset(node) }, 0, 1), typeof(byte)),
                nameof(Packet.U16) => Expression.Convert(Be16(v with { Offset = Offset(node) }, 0), typeof(ushort)),
                nameof(Packet.U32) => Be32(v with { Offset = Offset(node) }, 0),
                nameof(Packet.U64) => Be64(v with { Offset = Offset(node) }, 0),
                nameof(Packet.U16LittleEndian) => Expression.Convert(Raw(v with { Offset = Offset(node) }, 0, 2), typeof(ushort)),
                nameof(Packet.U32LittleEndian) => Raw(v with { Offset = Offset(node) }, 0, 4),
                nameof(Packet.U64LittleEndian) => Raw64(v with { Offset = Offset(node) }, 0),
                nameof(Packet.StartsWith) => Match(v with { Offset = Offset(node) }, Ascii(node), node),
                nameof(Packet.Matches) => Match(v with { Offset = Offset(node) }, Bytes(node), node),
                _ => throw Context.Error(node, CompileErrors.UnsupportedMethod(node.Method)),
            };
        }
        var ip6 = v.Type == typeof(Ipv6);
        if (v.Type == typeof(Ipv4) || ip6)
        {
            var (displacement, isNetwork) = name switch
            {
                nameof(Ipv4.SourceIs) => (ip6 ? 8 : 12, false),
                nameof(Ipv4.DestinationIs) => (ip6 ? 24 : 16, false),
                nameof(Ipv4.SourceIn) => (ip6 ? 8 : 12, true),
                nameof(Ipv4.DestinationIn) => (ip6 ? 24 : 16, true),
                _ => throw Context.Error(node, CompileErrors.UnsupportedMethod(node.Method)),
            };
            var (address, prefix) = isNetwork
                ? Network((IPNetwork)Evaluate(node.Arguments[0], node)!)
                : ((IPAddress)Evaluate(node.Arguments[0], node)!, ip6 ? 128 : 32);
            var family = ip6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            if (address.AddressFamily != family)
            {
                throw Context.Error(node, CompileErrors.PacketAddressFamily(node.Arguments[0], ip6 ? "an IPv6" : "an IPv4"));
            }
            var test = Prefix(v, displacement, address.GetAddressBytes(), prefix);
            // An absent header's address reads all zero, which matches or not as a whole.
            var absentMatches = Prefix(new byte[ip6 ? 16 : 4], address.GetAddressBytes(), prefix);
            var present = Presence(v, node);
            return absentMatches
                ? Expression.OrElse(Expression.Not(present), test)
                : Expression.AndAlso(present, test);
        }
        throw Context.Error(node, CompileErrors.UnsupportedMethod(node.Method));
    }

    // default(IPNetwork) has no base address and means 0.0.0.0/0, as the managed model reads it.
    private static (IPAddress Address, int Prefix) Network(IPNetwork network) => (network.BaseAddress ?? IPAddress.Any, network.PrefixLength);

    private Expression Offset(MethodCallExpression node) => Visit(node.Arguments[0])!;

    private byte[] Ascii(MethodCallExpression node)
    {
        var text = (string?)Evaluate(node.Arguments[1], node) ?? "";
        if (text.Any(ch => ch > 0x7f))
        {
            throw Context.Error(node, CompileErrors.PacketArgumentOutOfRange(node.Arguments[1], "ASCII"));
        }
        return [.. text.Select(ch => (byte)ch)];
    }

    private byte[] Bytes(MethodCallExpression node) => (byte[]?)Evaluate(node.Arguments[1], node) ?? [];

    // bytes at offset == expected: raw reads of 8, 4, 2 and 1 bytes against constants in memory
    // order. A chunk of zeros would also match bytes beyond the packet (they read 0), so then
    // their presence is tested too.
    private Expression Match(View v, byte[] expected, MethodCallExpression node)
    {
        if (expected.Length is 0 or > MaxMatchBytes)
        {
            throw Context.Error(node, CompileErrors.PacketArgumentOutOfRange(node.Arguments[1], $"1 to {MaxMatchBytes} bytes"));
        }
        var tests = new List<Expression>();
        var zeroChunk = false;
        for (var at = 0; at < expected.Length;)
        {
            var size = expected.Length - at >= 8 ? 8 : expected.Length - at >= 4 ? 4 : expected.Length - at >= 2 ? 2 : 1;
            var chunk = expected.AsSpan(at, size);
            zeroChunk |= !chunk.ContainsAnyExcept((byte)0);
            tests.Add(size == 8
                ? Expression.Equal(Raw64(v, at), Expression.Constant(BinaryPrimitives.ReadUInt64LittleEndian(chunk)))
                : Expression.Equal(Raw(v, at, size), Expression.Constant(size == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(chunk) : size == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(chunk) : chunk[0])));
            at += size;
        }
        if (zeroChunk)
        {
            tests.Insert(0, Has(v, 0, expected.Length));
        }
        return tests.Aggregate(Expression.AndAlso);
    }

    private static MethodCallExpression Has(View v, int displacement, int size) =>
        Expression.Call(typeof(PacketPrimitives).GetMethod(nameof(PacketPrimitives.Has))!,
            Expression.Constant(v.Anchor), v.Offset, Expression.Constant(displacement), Expression.Constant(size));

    // Whether an address matches the prefix of another, at compile time.
    private static bool Prefix(byte[] address, byte[] expected, int prefixLength) =>
        Enumerable.Range(0, prefixLength).All(b => ((address[b / 8] ^ expected[b / 8]) & (0x80 >> (b % 8))) == 0);

    // (address & mask) == (expected & mask), 32 bits for IPv4, two 64-bit halves for IPv6.
    private static Expression Prefix(View v, int displacement, byte[] address, int prefixLength)
    {
        var tests = new List<Expression>();
        for (var at = 0; at < address.Length; at += address.Length == 4 ? 4 : 8)
        {
            var size = address.Length == 4 ? 4 : 8;
            var bits = Math.Clamp(prefixLength - (8 * at), 0, 8 * size);
            if (bits == 0)
            {
                continue;
            }
            var mask = new byte[size];
            for (var b = 0; b < bits; b++)
            {
                mask[b / 8] |= (byte)(0x80 >> (b % 8));
            }
            var chunk = address.AsSpan(at, size).ToArray();
            for (var k = 0; k < size; k++)
            {
                chunk[k] &= mask[k];
            }
            if (size == 4)
            {
                var m = BinaryPrimitives.ReadUInt32LittleEndian(mask);
                Expression read = Raw(v, displacement + at, 4);
                tests.Add(Expression.Equal(m == uint.MaxValue ? read : Expression.And(read, Expression.Constant(m)), Expression.Constant(BinaryPrimitives.ReadUInt32LittleEndian(chunk))));
            }
            else
            {
                var m = BinaryPrimitives.ReadUInt64LittleEndian(mask);
                Expression read = Raw64(v, displacement + at);
                tests.Add(Expression.Equal(m == ulong.MaxValue ? read : Expression.And(read, Expression.Constant(m)), Expression.Constant(BinaryPrimitives.ReadUInt64LittleEndian(chunk))));
            }
        }
        return tests.Count == 0 ? Expression.Constant(true) : tests.Aggregate(Expression.AndAlso);
    }
}
