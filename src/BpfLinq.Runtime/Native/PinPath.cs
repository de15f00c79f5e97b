using System.Text;

namespace BpfLinq.Runtime.Native;

/// <summary>A bpffs path as the kernel reads it: UTF-8, NUL-terminated.</summary>
internal static class PinPath
{
    /// <summary>The path's bytes with the terminating NUL.</summary>
    /// <exception cref="ArgumentException">The path is empty or holds a NUL, where the kernel would cut it short.</exception>
    internal static byte[] ToBytes(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"the pin path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character; the kernel would read only '{path[..path.IndexOf('\0', StringComparison.Ordinal)]}'",
                parameterName);
        }
        return Encoding.UTF8.GetBytes(path + "\0");
    }
}
