namespace BpfLinq.Compiler.Frontend;

/// <summary>Which context type each program kind receives: <see cref="XdpMd"/> for XDP, <see cref="SkBuff"/> for the others.</summary>
internal static class ContextTypes
{
    /// <summary>True for the context types a program lambda may take.</summary>
    public static bool IsContext(Type type) => type == typeof(SkBuff) || type == typeof(XdpMd);

    /// <summary>The context a program of <paramref name="kind"/> receives.</summary>
    public static Type ContextOf(ProgramKind kind) => kind == ProgramKind.Xdp ? typeof(XdpMd) : typeof(SkBuff);

    /// <summary>The kind a lambda over <paramref name="context"/> compiles to unless told otherwise.</summary>
    public static ProgramKind DefaultKind(Type context) =>
        context == typeof(XdpMd) ? ProgramKind.Xdp
        : context == typeof(SkBuff) ? ProgramKind.SocketFilter
        : throw new ArgumentException($"{context.Name} is not a program context; use SkBuff or XdpMd", nameof(context));

    /// <summary>True when a program of <paramref name="kind"/> receives <paramref name="context"/>.</summary>
    public static bool Accepts(ProgramKind kind, Type context) => ContextOf(kind) == context;
}
