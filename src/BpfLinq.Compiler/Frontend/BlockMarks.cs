using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// A set of the blocks of a function being lowered, by block id: lowering only adds blocks, so ids
/// are dense and stable while it runs. A byte per block where a hash set of 60,000 blocks (a long
/// chain) costs megabytes.
/// </summary>
internal sealed class BlockMarks
{
    private readonly List<bool> _marks = [];

    /// <summary>True when <paramref name="block"/> is marked.</summary>
    public bool Contains(Block block) => block.Id < _marks.Count && _marks[block.Id];

    /// <summary>Marks <paramref name="block"/>; false when it already was.</summary>
    public bool Add(Block block)
    {
        while (_marks.Count <= block.Id)
        {
            _marks.Add(false);
        }
        if (_marks[block.Id])
        {
            return false;
        }
        _marks[block.Id] = true;
        return true;
    }
}
