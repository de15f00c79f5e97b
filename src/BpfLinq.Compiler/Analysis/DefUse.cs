using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Analysis;

/// <summary>
/// The uses of every instruction result and parameter, found by one scan of the function (in block
/// order, so each list is in program order). A computed snapshot, never stored on the IR: a pass
/// that changes operands recomputes it.
/// </summary>
internal sealed class DefUse
{
    private readonly Dictionary<Value, List<Use>> _uses;

    private DefUse(Dictionary<Value, List<Use>> uses) => _uses = uses;

    /// <summary>Scans the function.</summary>
    public static DefUse Compute(Function function)
    {
        var uses = new Dictionary<Value, List<Use>>(ReferenceEqualityComparer.Instance);
        foreach (var i in function.AllInstrs())
        {
            for (var k = 0; k < i.Operands.Count; k++)
            {
                var v = i.Operands[k];
                if (v is Constant)
                {
                    continue;
                }
                if (!uses.TryGetValue(v, out var list))
                {
                    uses[v] = list = [];
                }
                list.Add(new Use(i, k));
            }
        }
        return new DefUse(uses);
    }

    /// <summary>The uses of <paramref name="value"/> in program order (empty for constants).</summary>
    public IReadOnlyList<Use> Uses(Value value) => _uses.TryGetValue(value, out var list) ? list : [];

    /// <summary>Number of operand slots that read <paramref name="value"/>.</summary>
    public int UseCount(Value value) => Uses(value).Count;

    /// <summary>True when nothing reads <paramref name="value"/>.</summary>
    public bool IsUnused(Value value) => !_uses.ContainsKey(value);
}
