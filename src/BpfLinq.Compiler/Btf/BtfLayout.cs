namespace BpfLinq.Compiler.Btf;

/// <summary>
/// Sizes and underlying types, computed the way the kernel's <c>btf_resolve_size</c> does: typedefs,
/// qualifiers and type tags are transparent, a pointer is 8 bytes, an array is its count times its
/// element's size. Graphs decoded from untrusted bytes may contain cycles (a typedef of itself), so
/// every walk is bounded and reports such input instead of looping.
/// </summary>
public static class BtfLayout
{
    // Far more than any real chain of typedefs, qualifiers and nested arrays.
    private const int MaxChain = 1024;

    /// <summary>Strips typedefs, <c>const</c>/<c>volatile</c>/<c>restrict</c> and type tags.</summary>
    /// <exception cref="InvalidOperationException">The chain is cyclic or absurdly long.</exception>
    public static BtfType Resolve(BtfType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return TryResolve(type) ?? throw new InvalidOperationException($"the typedef/qualifier chain from {type} is cyclic or longer than {MaxChain}");
    }

    /// <summary>Like <see cref="Resolve"/>, but null for a cyclic chain; for walks over untrusted graphs.</summary>
    internal static BtfType? TryResolve(BtfType type)
    {
        for (var i = 0; i < MaxChain; i++)
        {
            switch (type)
            {
                case BtfTypedef typedef:
                    type = typedef.Target;
                    break;
                case BtfQualifier qualifier:
                    type = qualifier.Target;
                    break;
                default:
                    return type;
            }
        }
        return null;
    }

    /// <summary>Size of a value of <paramref name="type"/> in bytes, when it has one.</summary>
    /// <returns>False for void, functions, prototypes, forward declarations, decl tags and cyclic or overflowing chains.</returns>
    public static bool TryGetSize(BtfType type, out ulong size)
    {
        ArgumentNullException.ThrowIfNull(type);
        size = 0;
        var multiplier = 1UL;
        for (var i = 0; i < MaxChain; i++)
        {
            ulong own;
            switch (type)
            {
                case BtfTypedef typedef:
                    type = typedef.Target;
                    continue;
                case BtfQualifier qualifier:
                    type = qualifier.Target;
                    continue;
                case BtfVar variable:
                    type = variable.Type;
                    continue;
                case BtfArray array:
                    if (!TryMultiply(multiplier, array.Count, out multiplier))
                    {
                        return false;
                    }
                    type = array.Element;
                    continue;
                case BtfPointer:
                    own = 8;
                    break;
                case IBtfSized sized:
                    own = sized.Size;
                    break;
                default:
                    return false;
            }
            return TryMultiply(multiplier, own, out size);
        }
        return false;
    }

    /// <summary>Size of a value of <paramref name="type"/> in bytes.</summary>
    /// <exception cref="InvalidOperationException">The type has no size (see <see cref="TryGetSize"/>).</exception>
    public static ulong SizeOf(BtfType type) =>
        TryGetSize(type, out var size) ? size : throw new InvalidOperationException($"{type} has no size");

    private static bool TryMultiply(ulong a, ulong b, out ulong product)
    {
        product = 0;
        if (b != 0 && a > ulong.MaxValue / b)
        {
            return false;
        }
        product = a * b;
        return true;
    }
}
