namespace BpfLinq.Runtime.Tests.Btf;

/// <summary>A temporary stand-in for <c>/sys/kernel/btf</c>: files are written into it, and it is deleted on dispose.</summary>
internal sealed class BtfDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bpflinq-btf-").FullName;

    public BtfDirectory With(string file, byte[] contents)
    {
        File.WriteAllBytes(System.IO.Path.Combine(Path, file), contents);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
