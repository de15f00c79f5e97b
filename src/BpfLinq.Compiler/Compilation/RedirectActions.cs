namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// What <c>bpf_redirect</c> returns in a program kind: <paramref name="Redirected"/> when it accepts
/// the flags, <paramref name="Refused"/> when a flag outside <paramref name="AllowedFlags"/> is set.
/// </summary>
internal sealed record RedirectActions(long Redirected, long Refused, ulong AllowedFlags)
{
    /// <summary>The action <c>bpf_redirect(ifindex, flags)</c> returns.</summary>
    public long For(ulong flags) => (flags & ~AllowedFlags) != 0 ? Refused : Redirected;
}
