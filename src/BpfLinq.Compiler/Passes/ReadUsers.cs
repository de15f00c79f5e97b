using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// The instructions that use each packet read, kept current while <see cref="PacketExpansion"/>
/// replaces the reads one by one: a whole-function scan per replacement would be quadratic in the
/// reads (a firewall of 10,000 port tests has tens of thousands).
/// </summary>
internal sealed class ReadUsers
{
    private readonly Dictionary<Value, List<Instr>> _users = new(ReferenceEqualityComparer.Instance);

    /// <summary>Scans <paramref name="f"/> once for the uses of its packet reads.</summary>
    public static ReadUsers Of(Function f)
    {
        var index = new ReadUsers();
        foreach (var i in f.AllInstrs())
        {
            foreach (var operand in i.Operands)
            {
                if (operand is Instr read && PacketWindows.IsRead(read))
                {
                    index.Add(read, i);
                }
            }
        }
        return index;
    }

    /// <summary>Notes that <paramref name="user"/> uses <paramref name="read"/> (a read, or a value that will be replaced like one).</summary>
    public void Add(Value read, Instr user)
    {
        if (!_users.TryGetValue(read, out var list))
        {
            _users[read] = list = [];
        }
        list.Add(user);
    }

    /// <summary>Makes every user of <paramref name="from"/> use <paramref name="to"/> instead; they become <paramref name="to"/>'s users.</summary>
    public void Replace(Value from, Value to)
    {
        if (!_users.Remove(from, out var users))
        {
            return;
        }
        foreach (var user in users)
        {
            user.ReplaceOperand(from, to);
        }
        if (to is Instr)
        {
            foreach (var user in users)
            {
                Add(to, user);
            }
        }
    }
}
