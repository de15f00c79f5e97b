namespace BpfLinq;

/// <summary>
/// The stable codes of <see cref="BpfCompileException"/>: one per kind of user error. A code never
/// changes meaning, so tools and tests may match on it. Each entry says what is wrong and how to fix it.
/// Like <see cref="BpfCompileException"/>, it lives in the <c>BpfLinq</c> namespace (not the folder's) so
/// <c>using BpfLinq;</c> is all a user needs.
/// </summary>
public static class DiagnosticCode
{
    /// <summary>
    /// <c>BPF0001</c>: the lambda uses an expression kind the compiler does not translate (for example
    /// <c>new</c>, <c>is</c>, a nested lambda that is not invoked, <c>throw</c>, <c>try</c>). Rewrite it
    /// with the supported operators, conditionals, context fields and intrinsics.
    /// </summary>
    public const string UnsupportedExpression = "BPF0001";

    /// <summary>
    /// <c>BPF0002</c>: a value has a type eBPF programs cannot compute with here (floating point,
    /// decimal, strings, nullable values, objects). Use bool, the integer types, char, enums or
    /// <see cref="Verdict"/>.
    /// </summary>
    public const string UnsupportedType = "BPF0002";

    /// <summary>
    /// <c>BPF0003</c>: a method call that is not a BpfLinq intrinsic (such as <see cref="Verdict.Keep"/>
    /// or <see cref="Bpf.Div(int, int)"/>). Only intrinsics run in the kernel: compute the value
    /// before building the filter and capture it, or use an intrinsic.
    /// </summary>
    public const string UnsupportedMethod = "BPF0003";

    /// <summary>
    /// <c>BPF0004</c>: a property or field that is neither a context field nor a captured value the
    /// compiler can fold (for example a static property, whose value could change between runs).
    /// Read it into a local variable before building the filter and capture the local.
    /// </summary>
    public const string UnsupportedMember = "BPF0004";

    /// <summary>
    /// <c>BPF0005</c>: a captured variable holds an object of a type the compiler cannot turn into a
    /// constant. Captured values are read once at compile time ("configuration becomes code") and must
    /// be bool, integers, char, enums, <see cref="Verdict"/>, or an <c>Expression&lt;Func&lt;...&gt;&gt;</c> that is invoked.
    /// Capture the field you need (<c>var limit = config.Limit;</c>) instead of the object.
    /// </summary>
    public const string UnsupportedCapturedValue = "BPF0005";

    /// <summary>
    /// <c>BPF0006</c>: reading a captured value at compile time threw (for example a null reference in
    /// <c>config.Limits.Max</c>). The inner exception says why; make the value readable before compiling.
    /// </summary>
    public const string CapturedValueFailed = "BPF0006";

    /// <summary>
    /// <c>BPF0007</c>: an array field of the context (<c>Cb</c>, <c>RemoteIp6</c>, <c>LocalIp6</c>) is
    /// indexed with a value that is not a compile-time constant. Use a constant (or captured) index.
    /// </summary>
    public const string ContextIndexNotConstant = "BPF0007";

    /// <summary>
    /// <c>BPF0008</c>: a constant index is outside an array field of the context (<c>Cb</c> has 5
    /// elements, the IPv6 addresses 4).
    /// </summary>
    public const string ContextIndexOutOfRange = "BPF0008";

    /// <summary>
    /// <c>BPF0009</c>: checked arithmetic or a checked conversion (<c>checked(a + b)</c>). eBPF cannot
    /// throw; write the operation unchecked, testing the bounds yourself if overflow matters.
    /// </summary>
    public const string CheckedArithmetic = "BPF0009";

    /// <summary>
    /// <c>BPF0010</c>: a division or remainder whose divisor is not proven non-zero. The CLR throws
    /// on a zero divisor and eBPF does not, so the compiler accepts <c>x / y</c> only when <c>y</c> is a
    /// non-zero constant or a condition of the same lambda guards it (<c>y != 0 ? x / y : 0</c>,
    /// <c>y &gt; 0 &amp;&amp; x / y &gt; 2</c>). Add such a guard, or call <see cref="Bpf.Div(int, int)"/> /
    /// <see cref="Bpf.Rem(int, int)"/>, which follow eBPF's rules (<c>x / 0 == 0</c>, <c>x % 0 == x</c>).
    /// </summary>
    public const string DivisorNotProvenNonZero = "BPF0010";

    /// <summary>
    /// <c>BPF0011</c>: a signed division or remainder that could compute <c>MinValue / -1</c>, which
    /// throws in the CLR. Guard the divisor (<c>y &gt; 0</c>, <c>y != -1</c>) or the dividend
    /// (<c>x != int.MinValue</c>), or call <see cref="Bpf.Div(int, int)"/> / <see cref="Bpf.Rem(int, int)"/>.
    /// </summary>
    public const string DivisionOverflowNotExcluded = "BPF0011";

    /// <summary>
    /// <c>BPF0012</c>: a context field the chosen program kind may not read (the kernel verifier
    /// would reject the load; for example <c>SkBuff.Tstamp</c> in a socket filter). Compile for a kind
    /// that can read it, or do without it.
    /// </summary>
    public const string ContextFieldNotReadable = "BPF0012";

    /// <summary>
    /// <c>BPF0013</c>: a verdict that does not exist for the program kind (<see cref="Verdict.Tx"/>
    /// outside XDP, <see cref="Verdict.Keep"/> outside socket filters).
    /// </summary>
    public const string VerdictNotValidForKind = "BPF0013";

    /// <summary>
    /// <c>BPF0014</c>: an assignment whose target is not a local variable of the tree (the context is
    /// read-only in this version, lambda parameters cannot be reassigned, and captured variables are
    /// constants of the program). Assign to a block variable.
    /// </summary>
    public const string UnsupportedAssignmentTarget = "BPF0014";

    /// <summary>
    /// <c>BPF0015</c>: a <c>switch</c> the compiler cannot translate: a case value that is not a constant,
    /// or a custom comparison method. Use constant case values of an integer, char, bool or enum type.
    /// </summary>
    public const string UnsupportedSwitch = "BPF0015";

    /// <summary>
    /// <c>BPF0016</c>: an invocation of something that is not an expression tree (a compiled delegate
    /// such as a captured <c>Func&lt;...&gt;</c>). Only expression trees can be inlined: capture an
    /// <c>Expression&lt;Func&lt;...&gt;&gt;</c> and invoke it with <c>.Compile()(...)</c>, or write the code inline.
    /// </summary>
    public const string InvocationNotInlinable = "BPF0016";

    /// <summary>
    /// <c>BPF0017</c>: the context parameter used as a value (compared, stored, passed to a method).
    /// Only its fields can be read.
    /// </summary>
    public const string ContextMisuse = "BPF0017";

    /// <summary>
    /// <c>BPF0018</c>: a conversion the compiler does not translate (user-defined operators, nullable
    /// values, boxing). Conversions among bool (to an integer), the integer types, char and enums are supported.
    /// </summary>
    public const string UnsupportedConversion = "BPF0018";

    /// <summary>
    /// <c>BPF0019</c>: the lambda's context type does not fit the program kind (an <see cref="XdpMd"/>
    /// lambda compiled as a socket filter, an <see cref="SkBuff"/> lambda as XDP), or it is neither.
    /// </summary>
    public const string ContextKindMismatch = "BPF0019";

    /// <summary>
    /// <c>BPF0020</c>: the lambda does not return a <see cref="Verdict"/>, an integer or a bool, or does not take exactly
    /// one context parameter.
    /// </summary>
    public const string UnsupportedSignature = "BPF0020";

    /// <summary>
    /// <c>BPF0021</c>: the program never returns (for example a loop without a reachable break). The
    /// kernel verifier rejects programs that cannot finish: give every loop an exit.
    /// </summary>
    public const string NoReturn = "BPF0021";

    /// <summary>
    /// <c>BPF0022</c>: an array field of the context (<c>Cb</c>, <c>RemoteIp6</c>, <c>LocalIp6</c>) used as a
    /// whole. Read one element with a constant index: <c>skb.Cb[0]</c>.
    /// </summary>
    public const string ContextArrayAsValue = "BPF0022";

    /// <summary>
    /// <c>BPF0023</c>: a packet view (<c>Packet</c>, <c>Ipv4</c>, <c>Tcp</c>, ...) used as a value: stored in a
    /// variable, chosen by a condition, passed to a method. Read its fields where you need them.
    /// </summary>
    public const string PacketViewMisuse = "BPF0023";

    /// <summary>
    /// <c>BPF0024</c>: an argument of a packet method that must be known at compile time is not (a string,
    /// byte array, address, network or tag count computed from the packet), or is out of range.
    /// </summary>
    public const string PacketArgument = "BPF0024";

    /// <summary>
    /// <c>BPF0025</c>: a header view the program kind does not see (an sk_skb program sees the stream's
    /// data, not its headers).
    /// </summary>
    public const string PacketHeaderNotVisible = "BPF0025";

    /// <summary>
    /// <c>BPF0026</c>: a map used in a way a program cannot: a map that is not captured from C# (built
    /// inside the lambda), a key or value type without a fixed layout, <c>Increment</c>/<c>Add</c> on a
    /// non-integer value, a looked-up struct used whole instead of through its fields.
    /// </summary>
    public const string MapMisuse = "BPF0026";

    /// <summary>
    /// <c>BPF0027</c>: a helper or kfunc argument the kernel needs to know when the program loads is not a
    /// constant (a length, a string, a format), is out of range, or a byte buffer is used other than as
    /// such an argument; or a <c>TracePrintk</c> format does not match its arguments; or a captured
    /// array (a lookup table) is indexed by a computed value not masked into its range.
    /// </summary>
    public const string HelperArgument = "BPF0027";

    /// <summary><c>BPF0028</c>: a helper the program kind may not call (<c>LoadBytes</c> in XDP).</summary>
    public const string HelperNotAvailable = "BPF0028";

    /// <summary>
    /// <c>BPF0029</c>: a <c>BpfFunction</c> or loop callback that cannot be compiled as a function: more
    /// than five parameters, a parameter or result type other than a scalar or the context, recursion.
    /// </summary>
    public const string FunctionMisuse = "BPF0029";

    /// <summary>
    /// <c>BPF0030</c>: the program passes a limit of the kernel verifier that the compiler can see before it
    /// loads: a call chain of more than eight frames (the program, each <c>BpfFunction</c> subprogram and
    /// each <c>bpf_loop</c> callback is one) or of more than 512 bytes of stack, stack buffers and map keys
    /// that need more than a frame's 512 bytes at once, or a loop whose iterations times its body pass the
    /// verifier's budget of one million instructions. Inline functions, call them one after another rather
    /// than one inside another, use smaller buffers, or let the loop run as a callback.
    /// </summary>
    public const string KernelLimitExceeded = "BPF0030";

    /// <summary>
    /// <c>BPF0031</c>: the lambda is larger than BpfLinq compiles: more than a million expression nodes
    /// (<c>BpfCompiler.MaxNodes</c>), more than the kernel's one-million-instruction limit could hold.
    /// Generated rules of that size belong in a map the program looks up.
    /// </summary>
    public const string ProgramTooLarge = "BPF0031";

    /// <summary>
    /// <c>BPF0032</c>: the program keeps more values alive at once than the kernel's 512-byte stack
    /// holds (a right-nested chain of 1,000 comparisons used as values holds every left operand until
    /// the innermost is known).
    /// </summary>
    public const string StackTooLarge = "BPF0032";
}
