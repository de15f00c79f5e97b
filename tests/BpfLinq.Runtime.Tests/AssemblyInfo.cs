// Fails the run when a test leaves a BPF fd open (see BpfLinq.Testing.FdLeakCheckingTestFramework).
[assembly: TestFramework("BpfLinq.Testing.FdLeakCheckingTestFramework", "BpfLinq.Testing")]
