namespace BpfLinq.Compiler.Btf;

/// <summary>What a <see cref="BtfFwd"/> declares (the record's <c>kind_flag</c>).</summary>
public enum BtfFwdKind : byte
{
    /// <summary><c>struct name;</c> (<c>kind_flag = 0</c>).</summary>
    Struct = 0,
    /// <summary><c>union name;</c> (<c>kind_flag = 1</c>).</summary>
    Union = 1,
}
