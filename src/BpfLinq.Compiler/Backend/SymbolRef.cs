namespace BpfLinq.Compiler.Backend;

/// <summary>
/// What an emitted instruction refers to before linking: entry <paramref name="Index"/> of the
/// module's functions, kfuncs or maps. Its immediate stays unset until <see cref="ProgramLinker"/>.
/// </summary>
/// <param name="Kind">What it refers to.</param>
/// <param name="Index">The function, kfunc or map index in the module.</param>
internal readonly record struct SymbolRef(RelocationKind Kind, int Index)
{
    /// <summary>The reference as text, e.g. <c>KfuncCall#0</c>.</summary>
    public override string ToString() => $"{Kind}#{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
