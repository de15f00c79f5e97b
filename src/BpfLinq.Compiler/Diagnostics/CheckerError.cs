namespace BpfLinq.Compiler.Diagnostics;

/// <summary>
/// One violation an internal checker found (the IR verifier, the allocation checker): which rule
/// (<typeparamref name="TKind"/>), where, and the details. Tests assert the kind; messages are for people.
/// </summary>
/// <param name="Kind">The rule broken.</param>
/// <param name="Location">Where: <c>block b3: add</c> in IR, <c>b0: [3] %5 = sub %3, %4</c> in machine code.</param>
/// <param name="Message">What is wrong, e.g. <c>operand 0 has type i64, want i32</c>.</param>
internal readonly record struct CheckerError<TKind>(TKind Kind, string Location, string Message)
    where TKind : struct, Enum
{
    /// <summary>The violation as one line: <c>block b3: condbr: has 1 target, want 2</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
