namespace BpfLinq.Compiler.Ir;

/// <summary>The condition of a <see cref="Op.Cmp"/>: equality, unsigned and signed orderings, and bit test.</summary>
internal enum Cond : byte
{
    /// <summary><c>a == b</c>.</summary>
    Eq,
    /// <summary><c>a != b</c>.</summary>
    Ne,
    /// <summary>Unsigned <c>a &lt; b</c>.</summary>
    ULt,
    /// <summary>Unsigned <c>a &lt;= b</c>.</summary>
    ULe,
    /// <summary>Unsigned <c>a &gt; b</c>.</summary>
    UGt,
    /// <summary>Unsigned <c>a &gt;= b</c>.</summary>
    UGe,
    /// <summary>Signed <c>a &lt; b</c>.</summary>
    SLt,
    /// <summary>Signed <c>a &lt;= b</c>.</summary>
    SLe,
    /// <summary>Signed <c>a &gt; b</c>.</summary>
    SGt,
    /// <summary>Signed <c>a &gt;= b</c>.</summary>
    SGe,
    /// <summary><c>(a &amp; b) != 0</c> (eBPF's <c>jset</c>).</summary>
    Test,
    /// <summary><c>(a &amp; b) == 0</c> (the negation of <see cref="Test"/>; no single eBPF jump, emitted inverted).</summary>
    NotTest,
}

/// <summary>Algebra on <see cref="Cond"/>.</summary>
internal static class Conds
{
    /// <summary>The condition that holds exactly when <paramref name="c"/> does not.</summary>
    public static Cond Negate(this Cond c) => c switch
    {
        Cond.Eq => Cond.Ne,
        Cond.Ne => Cond.Eq,
        Cond.ULt => Cond.UGe,
        Cond.UGe => Cond.ULt,
        Cond.ULe => Cond.UGt,
        Cond.UGt => Cond.ULe,
        Cond.SLt => Cond.SGe,
        Cond.SGe => Cond.SLt,
        Cond.SLe => Cond.SGt,
        Cond.SGt => Cond.SLe,
        Cond.Test => Cond.NotTest,
        Cond.NotTest => Cond.Test,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>The condition with operands exchanged: <c>a c b</c> == <c>b Swap(c) a</c>.</summary>
    public static Cond Swap(this Cond c) => c switch
    {
        Cond.ULt => Cond.UGt,
        Cond.UGt => Cond.ULt,
        Cond.ULe => Cond.UGe,
        Cond.UGe => Cond.ULe,
        Cond.SLt => Cond.SGt,
        Cond.SGt => Cond.SLt,
        Cond.SLe => Cond.SGe,
        Cond.SGe => Cond.SLe,
        _ => c, // Eq, Ne, Test, NotTest are symmetric
    };

    /// <summary>Evaluates the condition on two values of the given width (32 or 64 bits).</summary>
    public static bool Evaluate(this Cond c, long a, long b, bool is64)
    {
        if (!is64)
        {
            a = (int)a;
            b = (int)b;
        }
        ulong ua = is64 ? (ulong)a : (uint)a;
        ulong ub = is64 ? (ulong)b : (uint)b;
        return c switch
        {
            Cond.Eq => ua == ub,
            Cond.Ne => ua != ub,
            Cond.ULt => ua < ub,
            Cond.ULe => ua <= ub,
            Cond.UGt => ua > ub,
            Cond.UGe => ua >= ub,
            Cond.SLt => a < b,
            Cond.SLe => a <= b,
            Cond.SGt => a > b,
            Cond.SGe => a >= b,
            Cond.Test => (ua & ub) != 0,
            Cond.NotTest => (ua & ub) == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }

    /// <summary>The printed name (<c>ult</c>, <c>sge</c>, ...).</summary>
    public static string Name(this Cond c) => c.ToString().ToLowerInvariant();
}
