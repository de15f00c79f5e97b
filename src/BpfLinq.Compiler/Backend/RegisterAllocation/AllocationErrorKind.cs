namespace BpfLinq.Compiler.Backend.RegisterAllocation;

/// <summary>What the <see cref="AllocationChecker"/> refutes in an allocation.</summary>
internal enum AllocationErrorKind
{
    /// <summary>A use reads its value from a location that does not hold it.</summary>
    ValueNotInLocation,

    /// <summary>An operand is read from a stack slot, not a register.</summary>
    OperandNotInRegister,

    /// <summary>A tied operation's copy into its result overwrites its second source.</summary>
    TiedCopyClobbersSource,

    /// <summary>A block parameter's location does not hold its edge's argument once the edge's moves ran.</summary>
    ParameterNotInLocation,

    /// <summary>A move is not one instruction.</summary>
    MoveNotEncodable,

    /// <summary>A location is no register or slot of the frame.</summary>
    LocationOutsideFrame,
}
