using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime;

/// <summary><c>BPF_PROG_TEST_RUN</c>: buffers in, buffers and return value out.</summary>
internal static unsafe class ProgramTestRun
{
    internal static TestRunResult Run(BpfProgram program, TestRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int dataOutSize = options.DataOutSize ?? (options.DataIn.IsEmpty ? 0 : options.DataIn.Length + TestRunOptions.DefaultDataOutHeadroom);
        int ctxOutSize = options.CtxOutSize ?? options.CtxIn.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(dataOutSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(ctxOutSize, nameof(options));
        byte[] dataOut = new byte[dataOutSize];
        byte[] ctxOut = new byte[ctxOutSize];
        string operation = program.Name is null ? $"test-run {program.Type} program" : $"test-run program '{program.Name}'";

        using var fd = program.Borrow();
        fixed (byte* dataIn = options.DataIn.Span)
        fixed (byte* ctxIn = options.CtxIn.Span)
        fixed (byte* dataOutPointer = dataOut)
        fixed (byte* ctxOutPointer = ctxOut)
        {
            var attr = new ProgTestRunAttr
            {
                ProgFd = (uint)fd.Fd,
                DataSizeIn = (uint)options.DataIn.Length,
                DataIn = options.DataIn.IsEmpty ? 0 : (ulong)dataIn,
                DataSizeOut = (uint)dataOutSize,
                DataOut = dataOutSize == 0 ? 0 : (ulong)dataOutPointer,
                CtxSizeIn = (uint)options.CtxIn.Length,
                CtxIn = options.CtxIn.IsEmpty ? 0 : (ulong)ctxIn,
                CtxSizeOut = (uint)ctxOutSize,
                CtxOut = ctxOutSize == 0 ? 0 : (ulong)ctxOutPointer,
                Repeat = options.Repeat,
                Flags = options.Flags,
                Cpu = options.Cpu,
            };
            if (BpfSyscall.TryInvoke(BpfCommand.ProgTestRun, ref attr, out Errno errno) < 0)
            {
                if (errno == Errno.ENOSPC)
                {
                    throw new BpfException(
                        BpfErrors.Describe(errno, BpfCommand.ProgTestRun, operation)
                            + $" The output buffers were too small: the kernel produced {attr.DataSizeOut} bytes of packet "
                            + $"(DataOutSize was {dataOutSize}) and {attr.CtxSizeOut} bytes of context (CtxOutSize was {ctxOutSize}).",
                        errno, BpfCommand.ProgTestRun, operation);
                }
                throw BpfErrors.Create(errno, BpfCommand.ProgTestRun, operation, program.Type);
            }
            return new TestRunResult(
                attr.Retval,
                dataOut[..(int)Math.Min(attr.DataSizeOut, (uint)dataOutSize)],
                ctxOut[..(int)Math.Min(attr.CtxSizeOut, (uint)ctxOutSize)],
                attr.Duration,
                Math.Max(options.Repeat, 1));
        }
    }
}
