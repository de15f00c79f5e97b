using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Passes;

/// <summary>
/// One transformation of a function, with one job. A pass keeps no state between runs (the
/// default pipeline is shared by every compilation, possibly on several threads): everything it
/// needs comes through <see cref="PassContext"/>, and it reports each change it makes with
/// <see cref="PassContext.NoteChange"/> so fixed-point loops know when to stop.
/// </summary>
internal interface IPass
{
    /// <summary>The name used in dumps, <see cref="PassContext.DumpAfter"/> and <see cref="PassOrder"/>.</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="f"/> in place; it must remain well-formed IR.</summary>
    void Run(Function f, PassContext c);
}
