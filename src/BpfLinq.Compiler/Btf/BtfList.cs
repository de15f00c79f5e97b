using System.Collections.ObjectModel;

namespace BpfLinq.Compiler.Btf;

/// <summary>The mutable lists of a type graph (members, parameters, values): they refuse null entries.</summary>
internal sealed class BtfList<T> : Collection<T>
    where T : class
{
    public BtfList()
    {
    }

    public BtfList(IEnumerable<T>? items)
    {
        if (items is not null)
        {
            foreach (var item in items)
            {
                Add(item);
            }
        }
    }

    protected override void InsertItem(int index, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.InsertItem(index, item);
    }

    protected override void SetItem(int index, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        base.SetItem(index, item);
    }
}
