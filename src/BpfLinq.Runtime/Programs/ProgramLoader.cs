using System.Text;
using BpfLinq.Compiler.Btf;
using BpfLinq.Compiler.Isa;
using BpfLinq.Runtime.Native;
using BpfLinq.Runtime.Native.Attrs;

namespace BpfLinq.Runtime;

/// <summary>Validates <see cref="ProgramLoadOptions"/>, fills <see cref="ProgLoadAttr"/> and runs the logged load.</summary>
internal static unsafe class ProgramLoader
{
    private const int MinimumLogSizeLimit = 4096;

    internal static BpfProgram Load(ProgramLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        string operation = options.Name is null ? $"load {options.Type} program" : $"load {options.Type} program '{options.Name}'";
        byte[] license = Encoding.ASCII.GetBytes(options.License + "\0");
        using var progBtf = BpfFileDescriptor.Borrow(options.ProgBtf?.Handle, options.ProgBtf);

        fixed (Insn* insns = options.Instructions.Span)
        fixed (byte* licenseBytes = license)
        fixed (FuncInfo* funcInfo = options.FuncInfo.Span)
        fixed (LineInfo* lineInfo = options.LineInfo.Span)
        fixed (int* fdArray = options.FdArray.Span)
        {
            var attr = new ProgLoadAttr
            {
                ProgType = (uint)options.Type,
                InsnCnt = (uint)options.Instructions.Length,
                Insns = (ulong)insns,
                License = (ulong)licenseBytes,
                ProgFlags = (uint)options.Flags,
                ExpectedAttachType = (uint)(options.ExpectedAttachType ?? 0),
                ProgBtfFd = (uint)progBtf.Fd,
                AttachBtfId = options.AttachBtfId,
                AttachBtfObjFd = (uint)options.AttachBtfObjFd,
                FdArray = options.FdArray.IsEmpty ? 0 : (ulong)fdArray,
            };
            if (!options.FuncInfo.IsEmpty)
            {
                attr.FuncInfoRecSize = FuncInfo.SizeInBytes;
                attr.FuncInfo = (ulong)funcInfo;
                attr.FuncInfoCnt = (uint)options.FuncInfo.Length;
            }
            if (!options.LineInfo.IsEmpty)
            {
                attr.LineInfoRecSize = LineInfo.SizeInBytes;
                attr.LineInfo = (ulong)lineInfo;
                attr.LineInfoCnt = (uint)options.LineInfo.Length;
            }
            ObjectName.CopyTo(options.Name, new Span<byte>(attr.ProgName, 16));

            var outcome = LoggedLoad.Run(BpfCommand.ProgLoad, ref attr, (uint)options.LogLevel, options.LogSizeLimit);
            if (outcome.Fd is { } fd)
            {
                return new BpfProgram(fd, options.Type, options.Name);
            }
            throw LoadFailure.Create(outcome, BpfCommand.ProgLoad, operation, options.Type);
        }
    }

    private static void Validate(ProgramLoadOptions options)
    {
        if (options.Instructions.IsEmpty)
        {
            throw new ArgumentException("a program needs at least one instruction (its exit)", nameof(options));
        }
        ObjectName.Validate(options.Name, nameof(options));
        ArgumentNullException.ThrowIfNull(options.License);
        if (options.License.Contains('\0', StringComparison.Ordinal) || !Ascii.IsValid(options.License))
        {
            throw new ArgumentException("the license is an ASCII string without NUL characters", nameof(options));
        }
        if ((!options.FuncInfo.IsEmpty || !options.LineInfo.IsEmpty) && options.ProgBtf is null)
        {
            throw new ArgumentException(
                "FuncInfo and LineInfo refer to types and strings in a BTF object: load the program's BTF with BtfObject.Load and pass it as ProgBtf",
                nameof(options));
        }
        if (options.LogSizeLimit < MinimumLogSizeLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.LogSizeLimit, $"LogSizeLimit must be at least {MinimumLogSizeLimit} bytes");
        }
    }
}
