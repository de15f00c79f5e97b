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

// 3. The blog post's "drop packets containing foobar" sk_skb filter (seed program 2) as lambdas, run
//    on a sockmap holding one end of a socketpair: a loop over bpf_skb_load_bytes + bpf_strncmp, then
//    bpf_loop with a callback calling the bpf_strcmp kfunc.
foreach (var (name, filter) in new[] { ("loop + strncmp", FoobarFilter.StrncmpLoop), ("bpf_loop + bpf_strcmp", FoobarFilter.BpfLoopStrcmp) })
{
    var compiled = filter.Compile(BpfLinq.ProgramKind.SkSkb);
    Console.WriteLine($"sk_skb filter ({name}), {compiled.Instructions.Length} instructions in {compiled.Functions.Count} function(s):");
    Console.WriteLine(compiled.Disassemble());
    foreach (var (sent, received) in FoobarFilter.Run(filter, FoobarFilter.BlogPackets))
    {
        Console.WriteLine($"Sent '{sent}', received '{received}'");
    }
    Console.WriteLine();
}
