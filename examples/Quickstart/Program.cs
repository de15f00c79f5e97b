using Quickstart;

// BpfLinq quickstart. Needs root (CAP_BPF + CAP_NET_ADMIN).
//
// 1. A C# lambda compiled to eBPF by BpfLinq, verified by the kernel and attached to a socket.
Console.WriteLine($"socket filter compiled from `{LengthFilter.Filter}`:");
Console.WriteLine(LengthFilter.Filter.Disassemble(BpfLinq.ProgramKind.SocketFilter));
foreach (var (sent, delivered) in LengthFilter.Run(["hi", "hello", "a long datagram", "bye"]))
{
    Console.WriteLine($"Sent '{sent}': {(delivered ? "delivered" : "dropped")}");
}
Console.WriteLine();

// 2. A header filter written as a LINQ query, compiled for XDP and run on frames in the kernel.
Console.WriteLine("XDP filter from a LINQ query (DNS over IPv4, VLAN tags skipped):");
Console.WriteLine(HeaderFilter.Filter.Disassemble(BpfLinq.ProgramKind.Xdp));
foreach (var (name, kernel, managed) in HeaderFilter.Run())
{
    Console.WriteLine($"{name,-36} kernel: {kernel,-5} managed model: {managed}");
}
Console.WriteLine();

// 3. The blog post's "drop packets containing foobar" sk_skb filter (seed program 2), built with
//    the instruction builders and run on a sockmap. It becomes a lambda when helpers, maps and
//    loops reach the compiler (issue 5).
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
