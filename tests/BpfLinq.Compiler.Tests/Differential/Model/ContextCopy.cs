using System.Reflection;

namespace BpfLinq.Compiler.Tests.Differential.Model;

/// <summary>Copies of the (init-only) managed contexts with one property changed.</summary>
internal static class ContextCopy
{
    /// <summary>A copy of <paramref name="context"/> (an <see cref="SkBuff"/> or <see cref="XdpMd"/>) with <paramref name="property"/> set to <paramref name="value"/>.</summary>
    public static T With<T>(T context, string property, object value) where T : class, new()
    {
        var copy = new T();
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var current = p.GetValue(context);
            // Arrays are copied so the two contexts never share elements.
            p.SetValue(copy, p.Name == property ? value : current is uint[] array ? array.ToArray() : current);
        }
        return copy;
    }
}
