using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Maps;
using FsCheck;
using FsCheck.Fluent;

namespace BpfLinq.Compiler.Tests.Maps;

/// <summary>
/// Generated map-updating programs: two effects on a small hash map and an array (update with every
/// mode, increment, add, delete, with keys drawn from a few values so they collide and the hash
/// fills), then a result that reads the maps back or returns an operation's status. Keys and values
/// come from context fields, packet bytes and constants. Each program gets fresh maps.
/// </summary>
internal static class MapPrograms
{
    public const int HashCapacity = 6;
    public const int ArrayLength = 8;

    private static readonly ParameterExpression s_skb = Expression.Parameter(typeof(SkBuff), "skb");

    /// <summary>A program and the maps it uses.</summary>
    public sealed record Generated(Expression<Func<SkBuff, long>> Lambda, HashMap<uint, ulong> Hash, ArrayMap<uint> Array)
    {
        public override string ToString() => Lambda.ToString();
    }

    public static Gen<Generated> Program() =>
        from effects in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(effects, seed);

    private static Generated Build(int effects, int seed)
    {
        var random = new Random(seed);
        var hash = new HashMap<uint, ulong>(HashCapacity, "diff_hash");
        var array = new ArrayMap<uint>(ArrayLength, "diff_array");
        Expression body = Result(random, hash, array);
        for (var i = 0; i < effects; i++)
        {
            var effect = Effect(random, hash, array);
            body = Expression.Call(typeof(Bpf).GetMethod(nameof(Bpf.Then))!.MakeGenericMethod(effect.Type, typeof(long)), effect, body);
        }
        return new Generated(Expression.Lambda<Func<SkBuff, long>>(body, s_skb), hash, array);
    }

    private static Expression Effect(Random random, HashMap<uint, ulong> hash, ArrayMap<uint> array) => random.Next(7) switch
    {
        0 => Call(hash, nameof(HashMap<uint, ulong>.Update), Key(random), Value64(random), Mode(random)),
        1 => Call(hash, nameof(HashMap<uint, ulong>.Increment), Key(random)),
        2 => Call(hash, nameof(HashMap<uint, ulong>.Add), Key(random), Value64(random)),
        3 => Call(hash, nameof(HashMap<uint, ulong>.Delete), Key(random)),
        4 => Call(array, nameof(ArrayMap<uint>.Add), Index(random), Value32(random)),
        5 => Call(array, nameof(ArrayMap<uint>.Update), Index(random), Value32(random), Mode(random)),
        _ => Call(array, nameof(ArrayMap<uint>.Delete), Index(random)),
    };

    private static Expression Result(Random random, HashMap<uint, ulong> hash, ArrayMap<uint> array) => random.Next(4) switch
    {
        0 => Expression.Convert(Call(hash, nameof(HashMap<uint, ulong>.GetValueOrDefault), Key(random)), typeof(long)),
        1 => Expression.Condition(Call(hash, nameof(HashMap<uint, ulong>.ContainsKey), Key(random)), Expression.Constant(1L), Expression.Constant(2L)),
        2 => Expression.Convert(Call(array, nameof(ArrayMap<uint>.GetValueOrDefault), Index(random), Value32(random)), typeof(long)),
        _ => Call(hash, nameof(HashMap<uint, ulong>.Update), Key(random), Value64(random), Mode(random)),
    };

    private static MethodCallExpression Call(MapDefinition map, string name, params Expression[] args)
    {
        var method = map.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .First(m => m.Name == name && m.GetParameters().Length == args.Length);
        return Expression.Call(Expression.Constant(map), method, args);
    }

    // Few distinct keys: collisions, updates of present keys, and a hash that fills up.
    private static Expression Key(Random random) => random.Next(4) switch
    {
        0 => Expression.Constant((uint)random.Next(10)),
        1 => Expression.And(Field("Len"), Expression.Constant(7u)),
        2 => Expression.And(Expression.Convert(Byte(random), typeof(uint)), Expression.Constant(7u)),
        _ => Expression.And(Expression.Add(Field("Len"), Expression.Convert(Byte(random), typeof(uint))), Expression.Constant(15u)),
    };

    // Array indexes: mostly in range, sometimes beyond (the kernel's -E2BIG).
    private static Expression Index(Random random) => random.Next(3) switch
    {
        0 => Expression.Constant((uint)random.Next(ArrayLength + 2)),
        1 => Expression.And(Field("Len"), Expression.Constant(15u)),
        _ => Expression.And(Expression.Convert(Byte(random), typeof(uint)), Expression.Constant(7u)),
    };

    private static Expression Value64(Random random) => random.Next(3) switch
    {
        0 => Expression.Constant((ulong)random.Next(1000)),
        1 => Expression.Convert(Field("Len"), typeof(ulong)),
        _ => Expression.Multiply(Expression.Convert(Byte(random), typeof(ulong)), Expression.Constant(0x1_0000_0001ul)),
    };

    private static Expression Value32(Random random) => random.Next(3) switch
    {
        0 => Expression.Constant((uint)random.Next(1000)),
        1 => Field("Len"),
        _ => Expression.Convert(Byte(random), typeof(uint)),
    };

    private static Expression Mode(Random random) => Expression.Constant((UpdateMode)random.Next(3));

    private static MemberExpression Field(string name) => Expression.Property(s_skb, name);

    // A byte of the packet: offset 0 to 63, beyond the shortest frames sometimes (read as 0).
    private static Expression Byte(Random random) =>
        Expression.Call(Expression.Property(s_skb, nameof(SkBuff.Packet)), typeof(Packet).GetMethod(nameof(BpfLinq.Packet.U8))!, Expression.Constant(random.Next(64)));
}
