using System.Linq.Expressions;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend;

/// <summary>
/// The lowering as the features see it (<see cref="ILoweringScope"/>), and the features it hands
/// calls to: each gets this scope, and nothing else of the lowering.
/// </summary>
internal sealed partial class IrLowering : ILoweringScope
{
    private HelperLowering? _helpers;
    private PacketLowering? _packets;

    /// <summary>Kernel helpers and kfuncs.</summary>
    internal HelperLowering Helpers => _helpers ??= new(this);

    /// <summary>Packet primitives.</summary>
    internal PacketLowering Packets => _packets ??= new(this);

    IrBuilder ILoweringScope.Builder => _b;

    Module ILoweringScope.Module => _module;

    ProgramKind ILoweringScope.Kind => _kind;

    Value ILoweringScope.Context => _ctx;

    Value? ILoweringScope.Lower(Expression node) => LowerValue(node);

    BpfCompileException ILoweringScope.Error(Expression node, CompileError error) => Error(node, error);

    IDisposable ILoweringScope.Enter(Expression node) => Enter(node);

    void ILoweringScope.Zero(Value pointer, int size) => Zero(pointer, size);

    /// <summary>The address of a constant string in the program's read-only data.</summary>
    public Instr StringAddress(Expression node, string method)
    {
        if (node is not ConstantExpression { Value: string text })
        {
            throw Error(node, CompileErrors.HelperArgumentNotConstant("string", method));
        }
        if (!text.All(char.IsAscii) || text.Contains('\0', StringComparison.Ordinal))
        {
            throw Error(node, CompileErrors.HelperArgumentOutOfRange("string", method, "ASCII without NUL characters"));
        }
        return _b.MapValueAddr(ConstantDataMapIndex, _module.Constants.AddString(text));
    }

    public long ConstantInt(Expression node, string parameter, string method) =>
        node is ConstantExpression { Value: { } value } && ScalarLayout.Of(node.Type) is not null
            ? ConstantBits(value)
            : throw Error(node, CompileErrors.HelperArgumentNotConstant(parameter, method));

    /// <summary>The program's context passed to a helper: it must be the lambda's context parameter.</summary>
    public Value ContextArgument(Expression node) =>
        node == _contextParameter ? _ctx : throw Error(node, CompileErrors.ContextMisuse(_contextParameter));
}
