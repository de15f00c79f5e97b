using System.Collections;

namespace BpfLinq.Compiler.Isa;

/// <summary>
/// The two slots of a 16-byte instruction (<c>ld_imm64</c>). Enumerable, so it spreads into a
/// collection expression: <c>Insn[] p = [Insn.Mov(Reg.R6, Reg.R1), ..Insn.LdMapFd(Reg.R1, fd), Insn.Exit()];</c>
/// </summary>
/// <param name="First">The slot with the opcode, registers and the low 32 bits of the immediate.</param>
/// <param name="Second">The slot with opcode 0 and the high 32 bits (or the pseudo source's second operand).</param>
public readonly record struct InsnPair(Insn First, Insn Second) : IReadOnlyList<Insn>
{
    /// <summary>Always 2.</summary>
    public int Count => 2;

    /// <summary>Slot 0 or 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not 0 or 1.</exception>
    public Insn this[int index] => index switch
    {
        0 => First,
        1 => Second,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "a pair has slots 0 and 1"),
    };

    /// <summary>Enumerates <see cref="First"/> then <see cref="Second"/> without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Insn> IEnumerable<Insn>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the two slots of an <see cref="InsnPair"/>.</summary>
    public struct Enumerator : IEnumerator<Insn>
    {
        private readonly InsnPair _pair;
        private int _index;

        internal Enumerator(InsnPair pair)
        {
            _pair = pair;
            _index = -1;
        }

        /// <inheritdoc/>
        public readonly Insn Current => _pair[_index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++_index < 2;

        /// <inheritdoc/>
        public void Reset() => _index = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
