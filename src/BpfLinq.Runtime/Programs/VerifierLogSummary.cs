namespace BpfLinq.Runtime;

/// <summary>What <see cref="VerifierLog.Summarize"/> found.</summary>
/// <param name="Text">The line that matters (two lines when the previous one explains it).</param>
/// <param name="InstructionIndex">The instruction the verifier was at, when the log names one.</param>
/// <param name="Instruction">That instruction as the verifier printed it (<c>r0 = *(u32 *)(r1 +76)</c>).</param>
internal readonly record struct VerifierLogSummary(string Text, int? InstructionIndex, string? Instruction);
