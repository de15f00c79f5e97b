namespace BpfLinq;

// Locals. An expression lambda holds no statements, so a value used more than once is bound by
// Let: the compiler inlines the body with the value evaluated once, before it (as C# evaluates an
// argument), which costs no instruction over writing the value out.
public static partial class Bpf
{
    /// <summary>
    /// Binds <paramref name="value"/> to <paramref name="body"/>'s parameter and returns the body's
    /// value: <c>Bpf.Let(skb.Len - 14, n =&gt; n &gt; 100 &amp;&amp; n &lt; 900)</c> computes <c>skb.Len - 14</c> once.
    /// In a program the binding costs nothing: the body is inlined and the value evaluated once, before it.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <typeparam name="TResult">The body's result type.</typeparam>
    /// <param name="value">The value to bind.</param>
    /// <param name="body">The body, a lambda over the value.</param>
    /// <returns>The body's value.</returns>
    public static TResult Let<T, TResult>(T value, Func<T, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value);
    }

    /// <summary>
    /// Binds two values at once, evaluated in order: <c>Bpf.Let(skb.Len, skb.Protocol, (n, p) =&gt; ...)</c>;
    /// see <see cref="Let{T, TResult}(T, Func{T, TResult})"/>.
    /// </summary>
    /// <typeparam name="T1">The first value's type.</typeparam>
    /// <typeparam name="T2">The second value's type.</typeparam>
    /// <typeparam name="TResult">The body's result type.</typeparam>
    /// <param name="value1">The first value.</param>
    /// <param name="value2">The second value.</param>
    /// <param name="body">The body, a lambda over the values.</param>
    /// <returns>The body's value.</returns>
    public static TResult Let<T1, T2, TResult>(T1 value1, T2 value2, Func<T1, T2, TResult> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body(value1, value2);
    }
}
