using System.Globalization;
using System.Text;

namespace BpfLinq;

// The subset of printf formats bpf_trace_printk accepts for integers, checked at compile time and
// applied by the managed implementation: %d %i %u %x with l/ll modifiers, and %%.
internal static class TraceFormat
{
    public const int MaxArguments = 3;

    /// <summary>Why the format is refused, or null; <paramref name="specifiers"/> gets the conversions in order.</summary>
    public static string? Check(string format, out List<string> specifiers)
    {
        specifiers = [];
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] > 127 || format[i] == '\0')
            {
                return "it must be ASCII without NUL characters";
            }
            if (format[i] != '%')
            {
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                i++;
                continue;
            }
            var start = i++;
            while (i < format.Length && format[i] == 'l' && i - start <= 2)
            {
                i++;
            }
            if (i >= format.Length || "diux".IndexOf(format[i], StringComparison.Ordinal) < 0)
            {
                return $"'{format[start..Math.Min(i + 1, format.Length)]}' is not one of %d %i %u %x (with l or ll); strings and pointers cannot be printed from a lambda";
            }
            specifiers.Add(format[start..(i + 1)]);
        }
        return specifiers.Count > MaxArguments ? $"it has {specifiers.Count} conversions; bpf_trace_printk takes at most {MaxArguments}" : null;
    }

    public static string Format(string format, long[] args)
    {
        if (Check(format, out var specifiers) is { } problem)
        {
            throw new FormatException(problem);
        }
        if (specifiers.Count != args.Length)
        {
            throw new ArgumentException($"the format has {specifiers.Count} conversions and there are {args.Length} arguments");
        }
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                sb.Append(format[i]);
                continue;
            }
            if (format[i + 1] == '%')
            {
                sb.Append('%');
                i++;
                continue;
            }
            var spec = specifiers[next];
            var value = args[next++];
            var wide = spec.Contains('l', StringComparison.Ordinal);
            sb.Append(spec[^1] switch
            {
                'u' => wide ? ((ulong)value).ToString(CultureInfo.InvariantCulture) : ((uint)value).ToString(CultureInfo.InvariantCulture),
                'x' => wide ? ((ulong)value).ToString("x", CultureInfo.InvariantCulture) : ((uint)value).ToString("x", CultureInfo.InvariantCulture),
                _ => wide ? value.ToString(CultureInfo.InvariantCulture) : ((int)value).ToString(CultureInfo.InvariantCulture),
            });
            i += spec.Length - 1;
        }
        return sb.ToString();
    }
}
