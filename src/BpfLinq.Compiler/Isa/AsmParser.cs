namespace BpfLinq.Compiler.Isa;

// The assembler's line parser: a recursive-descent reader of the llvm-objdump dialect that
// Disassembler prints. Statements are recognised by their first one or two tokens:
//
//   exit | goto T | gotol T | may_goto T | call ... | if REG OP X goto T     AsmParser.Control.cs
//   REG = ... | REG OP= X                                                   AsmParser.Assign.cs
//   *(TYPE *)(ADDR) = X | lock ... | store_release(...) | ld_pseudo ... | .8byte N
//                                                                           AsmParser.Memory.cs
//
// Operands (registers, numbers with their ranges, addresses) are read by AsmParser.Operands.cs.
// Instructions are built with the public Insn builders, so the assembler cannot produce an
// encoding the builders would refuse (only ld_pseudo and .8byte set raw fields, by design);
// label references are left to AsmOutput to patch once every label is known.

/// <summary>Parses lines of assembly into an <see cref="AsmOutput"/>.</summary>
internal sealed partial class AsmParser
{
    private readonly string _text;
    private readonly AsmOutput _output;
    private readonly List<AsmToken> _tokens = new(16);
    private int _pos;
    private int _line;
    private int _lineStart;

    public AsmParser(string text, AsmOutput output)
    {
        _text = text;
        _output = output;
    }

    /// <summary>Parses <c>text[start..end)</c>, line number <paramref name="line"/>: optional index column, labels, one instruction, comment.</summary>
    public void ParseLine(int line, int start, int end)
    {
        _tokens.Clear();
        _pos = 0;
        _line = line;
        _lineStart = start;
        AsmLexer.Tokenize(_text, start, end, line, _tokens);

        // The index column of a listing ("  12:"), as Disassembler prints it.
        if (Peek.Kind == AsmTokenKind.Number && IsPunct(PeekAt(1), ":"))
        {
            _pos += 2;
        }
        while (Peek.Kind == AsmTokenKind.Identifier && IsPunct(PeekAt(1), ":"))
        {
            var name = Next();
            if (TryParseRegister(TextOf(name), out _, out _))
            {
                throw Error(name, $"'{TextOf(name)}' is a register and cannot be a label");
            }
            _output.DefineLabel(TextOf(name).ToString(), _line, ColumnOf(name));
            _pos++;
        }
        if (Peek.Kind == AsmTokenKind.End)
        {
            return;
        }
        ParseStatement();
        if (Peek.Kind != AsmTokenKind.End)
        {
            throw Error(Peek, $"unexpected {Describe(Peek)} after the instruction");
        }
    }

    private void ParseStatement()
    {
        var first = Peek;
        if (IsPunct(first, "*"))
        {
            ParseStore();
            return;
        }
        if (first.Kind != AsmTokenKind.Identifier)
        {
            throw Error(first, $"expected an instruction, found {Describe(first)}");
        }
        var word = TextOf(first);
        if (TryParseRegister(word, out _, out _))
        {
            ParseAssignment();
            return;
        }
        switch (word)
        {
            case "exit":
                _pos++;
                _output.Emit(Insn.Exit());
                return;
            case "goto":
            case "gotol":
            case "may_goto":
                ParseUnconditionalJump();
                return;
            case "if":
                ParseConditionalJump();
                return;
            case "call":
                ParseCall();
                return;
            case "lock":
                ParseAtomicUpdate();
                return;
            case "store_release":
                ParseStoreRelease();
                return;
            case "ld_pseudo":
                ParsePseudoLoad();
                return;
            case ".8byte":
                _pos++;
                _output.Emit(Insn.FromUInt64(ExpectNumber("a 64-bit value")));
                return;
            default:
                throw Error(first, $"unknown instruction '{word}'");
        }
    }

    private AsmToken Peek => _tokens[_pos];

    private AsmToken PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    /// <summary>Consumes a token; the trailing End token is never consumed, so lookahead stays safe.</summary>
    private AsmToken Next()
    {
        var token = _tokens[_pos];
        if (token.Kind != AsmTokenKind.End)
        {
            _pos++;
        }
        return token;
    }

    private ReadOnlySpan<char> TextOf(AsmToken token) => _text.AsSpan(token.Start, token.Length);

    private int ColumnOf(AsmToken token) => token.Start - _lineStart + 1;

    private bool IsPunct(AsmToken token, string punct) =>
        token.Kind == AsmTokenKind.Punct && TextOf(token).SequenceEqual(punct);

    private bool IsWord(AsmToken token, string word) =>
        token.Kind == AsmTokenKind.Identifier && TextOf(token).SequenceEqual(word);

    private bool TryPunct(string punct)
    {
        if (!IsPunct(Peek, punct))
        {
            return false;
        }
        _pos++;
        return true;
    }

    private void ExpectPunct(string punct)
    {
        if (!TryPunct(punct))
        {
            throw Error(Peek, $"expected '{punct}', found {Describe(Peek)}");
        }
    }

    private void ExpectWord(string word)
    {
        if (!IsWord(Peek, word))
        {
            throw Error(Peek, $"expected '{word}', found {Describe(Peek)}");
        }
        _pos++;
    }

    private string Describe(AsmToken token) =>
        token.Kind == AsmTokenKind.End ? "end of line" : $"'{TextOf(token)}'";

    private AssemblerException Error(AsmToken at, string reason) => new(_line, ColumnOf(at), reason);
}
