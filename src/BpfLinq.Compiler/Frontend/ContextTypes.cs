using BpfLinq.Compiler.Compilation;

namespace BpfLinq.Compiler.Frontend;

/// <summary>Which context type each program kind receives, as <see cref="ProgramKindTable"/> says.</summary>
internal static class ContextTypes
{
    /// <summary>True for the context types a program lambda may take.</summary>
    public static bool IsContext(Type type) => ProgramKindTable.All.Any(r => r.Context == type);

    /// <summary>The context a program of <paramref name="kind"/> receives.</summary>
    public static Type ContextOf(ProgramKind kind) => ProgramKindTable.Of(kind).Context;

    /// <summary>The kind a lambda over <paramref name="context"/> compiles to unless told otherwise.</summary>
    public static ProgramKind DefaultKind(Type context) =>
        ProgramKindTable.All.FirstOrDefault(r => r.Context == context && r.IsDefaultForContext)?.Kind
        ?? throw new ArgumentException($"{context.Name} is not a program context; use SkBuff or XdpMd", nameof(context));

    /// <summary>True when a program of <paramref name="kind"/> receives <paramref name="context"/>.</summary>
    public static bool Accepts(ProgramKind kind, Type context) => ContextOf(kind) == context;
}
