// Placeholder until the seed's sk_skb "foobar" filter runs here (issue 2).
Console.WriteLine("BpfLinq quickstart: not wired up yet.");
