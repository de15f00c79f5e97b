using BpfLinq.Maps;

namespace BpfLinq.Compiler.Ir;

/// <summary>
/// A program as IR: the main function (index 0) and the functions it calls or passes as callbacks,
/// and the symbols their instructions name by index: maps (<see cref="Op.MapRef"/>,
/// <see cref="Op.MapValueAddr"/>), kfuncs (<see cref="Op.KfuncCall"/>) and functions
/// (<see cref="Op.LocalCall"/>, <see cref="Op.FuncAddr"/>). Read-only constants (strings) collect in
/// <see cref="Constants"/>, which becomes a frozen map when the program uses one.
/// </summary>
internal sealed class Module
{
    private readonly List<Function> _functions = [];
    private readonly List<MapDefinition> _maps = [];
    private readonly List<string> _kfuncs = [];
    private readonly HashSet<object> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, int> _functionKeys = new(ReferenceEqualityComparer.Instance);

    /// <summary>The functions; 0 is the program's entry.</summary>
    public IReadOnlyList<Function> Functions => _functions;

    /// <summary>The maps, in order of first use.</summary>
    public IReadOnlyList<MapDefinition> Maps => _maps;

    /// <summary>The kfuncs by name, in order of first use.</summary>
    public IReadOnlyList<string> Kfuncs => _kfuncs;

    /// <summary>The first call that writes the packet (StoreBytes, a checksum update), or null.</summary>
    public System.Linq.Expressions.Expression? PacketWriter { get; set; }

    /// <summary>The program's read-only data.</summary>
    public ConstantData Constants { get; } = new();

    /// <summary>The main function.</summary>
    public Function Main => _functions[0];

    /// <summary>Adds a function; returns its index.</summary>
    public int AddFunction(Function function)
    {
        _functions.Add(function);
        return _functions.Count - 1;
    }

    /// <summary>The function compiled for a key (a BpfFunction), or null.</summary>
    public int? FunctionFor(object key) => _functionKeys.TryGetValue(key, out var index) ? index : null;

    /// <summary>Adds a function compiled for <paramref name="key"/>; returns its index.</summary>
    public int AddFunction(Function function, object key)
    {
        var index = AddFunction(function);
        _functionKeys.Add(key, index);
        return index;
    }

    /// <summary>Notes that the function for <paramref name="key"/> is being lowered (a call of it now would be recursion).</summary>
    public void MarkInProgress(object key, bool inProgress)
    {
        if (inProgress)
        {
            _inProgress.Add(key);
        }
        else
        {
            _inProgress.Remove(key);
        }
    }

    /// <summary>True while the function for <paramref name="key"/> is being lowered.</summary>
    public bool IsInProgress(object key) => _inProgress.Contains(key);

    /// <summary>The index of a map, added on first use.</summary>
    public int MapIndex(MapDefinition map)
    {
        var index = _maps.IndexOf(map);
        if (index >= 0)
        {
            return index;
        }
        _maps.Add(map);
        return _maps.Count - 1;
    }

    /// <summary>The index of a kfunc, added on first use.</summary>
    public int KfuncIndex(string name)
    {
        var index = _kfuncs.IndexOf(name);
        if (index >= 0)
        {
            return index;
        }
        _kfuncs.Add(name);
        return _kfuncs.Count - 1;
    }
}
