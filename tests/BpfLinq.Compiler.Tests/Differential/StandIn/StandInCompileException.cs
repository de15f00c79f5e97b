namespace BpfLinq.Compiler.Tests.Differential.StandIn;

/// <summary>A user error of the stand-in compiler: a code, the path of the node, what is wrong.</summary>
internal sealed class StandInCompileException(string code, string path, string message)
    : Exception($"{code}: {message} (path: {(path.Length == 0 ? "<root>" : path)})")
{
    /// <summary>The error's code (see <see cref="StandInCodes"/>).</summary>
    public string Code { get; } = code;

    /// <summary>The path of the offending node from the root lambda.</summary>
    public string Path { get; } = path;
}
