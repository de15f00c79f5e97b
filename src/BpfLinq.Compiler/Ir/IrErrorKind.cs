namespace BpfLinq.Compiler.Ir;

/// <summary>What rule of well-formed IR a function breaks (<see cref="IrVerifier"/>).</summary>
internal enum IrErrorKind
{
    /// <summary>The function has no blocks.</summary>
    NoBlocks,

    /// <summary>The entry block has predecessors.</summary>
    EntryHasPredecessors,

    /// <summary>A block does not end in a terminator.</summary>
    NoTerminator,

    /// <summary>A terminator is followed by other instructions.</summary>
    TerminatorNotLast,

    /// <summary>A phi follows a non-phi instruction.</summary>
    PhiNotFirst,

    /// <summary>An instruction's block is not the block that lists it.</summary>
    WrongBlock,

    /// <summary>A terminator targets a block that is not in the function.</summary>
    TargetOutsideFunction,

    /// <summary>A block's successors and the predecessor lists disagree.</summary>
    PredecessorMismatch,

    /// <summary>A phi's incoming blocks are not the block's predecessors.</summary>
    PhiEdgeMismatch,

    /// <summary>An instruction has the wrong number of operands.</summary>
    OperandCount,

    /// <summary>An operand belongs to another function.</summary>
    ForeignOperand,

    /// <summary>An operand is void, or a bool used by anything but condbr.</summary>
    OperandKind,

    /// <summary>An operand has the wrong type.</summary>
    OperandType,

    /// <summary>A branch has the wrong number of targets.</summary>
    TargetCount,

    /// <summary>An instruction's result type, size or immediate is not one its operation allows.</summary>
    MalformedInstruction,

    /// <summary>A use is not dominated by its definition.</summary>
    NotDominated,
}
