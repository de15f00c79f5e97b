namespace BpfLinq.Runtime.Native;

/// <summary>
/// The names of maps and programs: at most 15 characters of <c>[A-Za-z0-9_.]</c>, which is what
/// the kernel's <c>bpf_obj_name_cpy</c> accepts into its NUL-terminated 16-byte field.
/// </summary>
internal static class ObjectName
{
    /// <summary>The longest name the kernel keeps.</summary>
    internal const int MaxLength = 15;

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule when <paramref name="name"/> breaks it.</summary>
    internal static void Validate(string? name, string parameterName)
    {
        if (name is null)
        {
            return;
        }
        if (name.Length > MaxLength)
        {
            throw new ArgumentException(
                $"the kernel keeps at most {MaxLength} characters of a BPF object name; '{name}' has {name.Length}", parameterName);
        }
        foreach (char ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not '_' and not '.')
            {
                throw new ArgumentException(
                    $"a BPF object name may hold only A-Z, a-z, 0-9, '_' and '.'; '{name}' has '{ch}'", parameterName);
            }
        }
    }

    /// <summary>Copies a validated name into a kernel name field (16 bytes, NUL-padded).</summary>
    internal static void CopyTo(string? name, Span<byte> field)
    {
        field.Clear();
        if (name is null)
        {
            return;
        }
        for (int i = 0; i < name.Length; i++)
        {
            field[i] = (byte)name[i];
        }
    }

    /// <summary>Reads a kernel name field back.</summary>
    internal static string Read(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }
}
