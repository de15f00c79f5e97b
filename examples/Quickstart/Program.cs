using Quickstart;

// BpfLinq quickstart: the blog post's "drop packets containing foobar" filter (seed program 2),
// built with BpfLinq's instruction builders, verified and run by the kernel on a sockmap.
// Needs root (CAP_BPF + CAP_NET_ADMIN). The lambda version replaces this once the compiler lands.

using var needle = FoobarFilter.CreateStringMap("foobar");
var options = FoobarFilter.LoadOptions(needle.Fd);
var program = options.Instructions.Span;
Console.WriteLine($"sk_skb verdict program, {program.Length} instructions:");
foreach (var line in BpfLinq.Compiler.Isa.Disassembler.Disassemble(program))
{
    Console.WriteLine("  " + line);
}
Console.WriteLine();
foreach (var (sent, received) in FoobarFilter.Run(options, FoobarFilter.BlogPackets))
{
    Console.WriteLine($"Sent '{sent}', received '{received}'");
}
