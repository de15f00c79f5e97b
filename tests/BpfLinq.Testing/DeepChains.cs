using System.Linq.Expressions;
using E = System.Linq.Expressions.Expression;

namespace BpfLinq.Testing;

/// <summary>
/// What a rule generator produces: one operator chained n times over context fields, nested to the
/// left (<c>((a &amp;&amp; b) &amp;&amp; c) ...</c>) or to the right (<c>a &amp;&amp; (b &amp;&amp; (c ...))</c>), and a
/// firewall (a chain of port comparisons of the packet). The deep-tree tests, the deep differential
/// tests and the bench's <c>scaling</c> command build the same trees (the bench links this file).
/// Each shape has a plain C# twin, <see cref="Reference"/>, that computes what the tree computes.
/// </summary>
internal static class DeepChains
{
    /// <summary>The operator of a chain.</summary>
    public enum Op
    {
        /// <summary><c>mark != i &amp;&amp; ...</c>: true while no link matches.</summary>
        And,

        /// <summary><c>mark == i || ...</c>: true once one link matches.</summary>
        Or,

        /// <summary><c>(mark &gt; i) == (len &gt; i) == ...</c>: bools compared with bools.</summary>
        Equal,

        /// <summary><c>mark == i ? i : ...</c> (right), <c>(... == mark ? i : -i) == len ? i : -i</c> (left).</summary>
        Conditional,

        /// <summary><c>mark + len + mark + ...</c>.</summary>
        Add,

        /// <summary><c>tcp.DestinationPort == p || ...</c> over an IPv4/TCP packet: a firewall's rules (nesting is ignored).</summary>
        Firewall,
    }

    /// <summary>Every operator and nesting, for theories.</summary>
    public static IEnumerable<(Op Op, bool Left)> Shapes =>
        from op in Enum.GetValues<Op>()
        from left in op == Op.Firewall ? [true] : new[] { true, false }
        select (op, left);

    /// <summary>Every shape's name, for theories.</summary>
    public static IEnumerable<string> Names => Shapes.Select(s => Name(s.Op, s.Left));

    /// <summary>The shape named <paramref name="name"/> (<see cref="Name"/>).</summary>
    public static (Op Op, bool Left) Parse(string name) => Shapes.Single(s => Name(s.Op, s.Left) == name);

    /// <summary>The shape's short name (<c>and-left</c>).</summary>
    public static string Name(Op op, bool left) =>
        op == Op.Firewall ? "firewall" : $"{op.ToString().ToLowerInvariant()}-{(left ? "left" : "right")}";

    /// <summary>A chain of <paramref name="links"/> links, as a program returning a long.</summary>
    public static Expression<Func<SkBuff, long>> Build(Op op, bool left, int links)
    {
        var skb = E.Parameter(typeof(SkBuff), "skb");
        E Field(int i) => E.Property(skb, i % 2 == 0 ? nameof(SkBuff.Mark) : nameof(SkBuff.Len));
        E Link(int i) => op switch
        {
            Op.And => E.NotEqual(Field(i), E.Constant((uint)i)),
            Op.Or => E.Equal(Field(i), E.Constant((uint)i)),
            Op.Equal => E.GreaterThan(Field(i), E.Constant((uint)i)),
            Op.Add => Field(i),
            Op.Firewall => E.Equal(E.Convert(Port(skb), typeof(int)), E.Constant(1000 + i)),
            _ => E.Equal(Field(i), E.Constant((uint)i)),
        };
        E Join(E chain, int i) => op switch
        {
            Op.And => left ? E.AndAlso(chain, Link(i)) : E.AndAlso(Link(i), chain),
            Op.Or or Op.Firewall => left || op == Op.Firewall ? E.OrElse(chain, Link(i)) : E.OrElse(Link(i), chain),
            Op.Equal => left ? E.Equal(chain, Link(i)) : E.Equal(Link(i), chain),
            Op.Add => left ? E.Add(chain, Link(i)) : E.Add(Link(i), chain),
            // Right: an else-if chain. Left: the chain is in the test. (Nested in IfTrue it would be
            // quadratic before any compiler sees it: a ?: asks its IfTrue for its Type, each time.)
            _ => left
                ? E.Condition(E.Equal(chain, E.Convert(Field(i), typeof(long))), E.Constant((long)i), E.Constant((long)-i))
                : E.Condition(Link(i), E.Constant((long)i), chain),
        };
        var body = op == Op.Conditional ? E.Constant(-1L) : Link(0);
        for (var i = 1; i < links; i++)
        {
            body = Join(body, i);
        }
        body = body.Type == typeof(bool) ? E.Condition(body, E.Constant(1L), E.Constant(0L)) : E.Convert(body, typeof(long));
        return E.Lambda<Func<SkBuff, long>>(body, skb);
    }

    /// <summary>What the chain returns for a context with these fields (the firewall: for a TCP packet to <paramref name="port"/>).</summary>
    public static long Reference(Op op, bool left, int links, uint mark, uint len, ushort port = 0)
    {
        uint Field(int i) => i % 2 == 0 ? mark : len;
        switch (op)
        {
            case Op.And:
                return Enumerable.Range(0, links).All(i => Field(i) != (uint)i) ? 1 : 0;
            case Op.Or:
                return Enumerable.Range(0, links).Any(i => Field(i) == (uint)i) ? 1 : 0;
            case Op.Firewall:
                return port >= 1000 && port < 1000 + links ? 1 : 0;
            case Op.Add:
                return Enumerable.Range(0, links).Aggregate(0u, (sum, i) => sum + Field(i));
            case Op.Equal:
            {
                // (b0 == b1) == b2 ... or b_{n-1} == (... == (b1 == b0)): == on bools is associative and commutative.
                var value = Field(0) > 0;
                for (var i = 1; i < links; i++)
                {
                    value = value == Field(i) > (uint)i;
                }
                return value ? 1 : 0;
            }
            default:
            {
                long value = -1;
                for (var i = 1; i < links; i++)
                {
                    value = left ? (value == Field(i) ? i : -i) : (Field(i) == (uint)i ? i : value);
                }
                return value;
            }
        }
    }

    /// <summary>The destination port of the packet's TCP header.</summary>
    private static E Port(ParameterExpression skb)
    {
        var packet = E.Property(skb, nameof(SkBuff.Packet));
        var ipv4 = E.Property(packet, nameof(Packet.Ipv4));
        return E.Property(E.Property(ipv4, "Tcp"), "DestinationPort");
    }
}
