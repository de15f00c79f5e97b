namespace BpfLinq.Compiler.Btf;

// Field lookup as C name lookup works: a member of an anonymous struct or union member is a member
// of the enclosing type, at the anonymous member's offset plus its own. The search is depth-first in
// declaration order, so the first declaration wins, as for a C compiler (which would reject a
// duplicate). It walks object graphs that may come from untrusted bytes, so it guards against
// cycles (an anonymous member whose type contains itself) and bounds the nesting depth instead of
// trusting the input to be a tree.

/// <summary>The search behind <see cref="BtfComposite.TryFindField"/>.</summary>
internal static class BtfFieldSearch
{
    // Real kernel headers nest anonymous members a handful of levels deep.
    private const int MaxAnonymousDepth = 64;

    public static BtfFieldLocation? Find(BtfComposite outer, string path)
    {
        var chain = new List<BtfMember>();
        var bitOffset = 0UL;
        var current = outer;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                if (BtfLayout.TryResolve(chain[^1].Type) is not BtfComposite next)
                {
                    return null;
                }
                current = next;
            }
            if (segments[i].Length == 0 || !Search(current, segments[i], chain, ref bitOffset, 0))
            {
                return null;
            }
        }
        return new BtfFieldLocation(path, chain.ToArray(), bitOffset);
    }

    private static bool Search(BtfComposite composite, string name, List<BtfMember> chain, ref ulong bitOffset, int depth)
    {
        foreach (var member in composite.Members)
        {
            if (member.Name == name)
            {
                chain.Add(member);
                bitOffset += member.BitOffset;
                return true;
            }
        }
        if (depth >= MaxAnonymousDepth)
        {
            return false;
        }
        foreach (var member in composite.Members)
        {
            if (member.Name is not null || BtfLayout.TryResolve(member.Type) is not BtfComposite inner || inner == composite)
            {
                continue;
            }
            chain.Add(member);
            var inside = bitOffset + member.BitOffset;
            if (Search(inner, name, chain, ref inside, depth + 1))
            {
                bitOffset = inside;
                return true;
            }
            chain.RemoveAt(chain.Count - 1);
        }
        return false;
    }
}
