using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;

namespace BpfLinq.Runtime;

/// <summary>
/// The exception for a failed <c>BPF_PROG_LOAD</c> or <c>BPF_BTF_LOAD</c>: a verifier rejection
/// (EACCES or EINVAL with a log that says why, or E2BIG when the log says the program is too
/// complex) becomes <see cref="BpfVerifierException"/>; anything else the errno's
/// <see cref="BpfException"/>.
/// </summary>
internal static class LoadFailure
{
    internal static BpfException Create(LoadOutcome outcome, BpfCommand command, string operation, ProgramType? programType)
    {
        if (outcome.Errno is Errno.EACCES or Errno.EINVAL or Errno.E2BIG && !string.IsNullOrWhiteSpace(outcome.Log))
        {
            var summary = VerifierLog.Summarize(outcome.Log);
            if (summary.Text.Length > 0)
            {
                string checker = command == BpfCommand.BtfLoad ? "the BTF checker" : "the verifier";
                string where = summary.InstructionIndex is { } index ? $" at instruction {index} ({summary.Instruction})" : "";
                return new BpfVerifierException(
                    $"{operation}: {checker} rejected it{where}: {summary.Text}{AboutTheLog(outcome)}",
                    outcome.Errno, command, operation, summary.Text, outcome.Log, summary.InstructionIndex, outcome.LogTruncated);
            }
        }
        return BpfErrors.Create(outcome.Errno, command, operation, programType);
    }

    // The exception's Log is what was kept; say what is missing from it and how to get the rest.
    private static string AboutTheLog(LoadOutcome outcome)
    {
        if (outcome.LogTruncated)
        {
            string whole = outcome.NeededLogSize > 0 ? $"ProgramLoadOptions.LogSizeLimit = {outcome.NeededLogSize} keeps all of it" : "a larger ProgramLoadOptions.LogSizeLimit keeps more";
            return $". (The log kept its last {outcome.Log!.Length} characters; {whole}.)";
        }
        return "";
    }
}
