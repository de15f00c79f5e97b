using System.Runtime.CompilerServices;

namespace BpfLinq.Maps;

// Wrapping integer addition on an unmanaged value of 1, 2, 4 or 8 bytes, the managed twin of the
// BPF atomic add: the compiler accepts Increment/Add only on integer values; here any other type is
// an error at run time.
internal static class ManagedIntegers
{
    public static T One<T>()
        where T : unmanaged => FromBits<T>(1);

    public static T Add<T>(T a, T b)
        where T : unmanaged => FromBits<T>(Bits(a) + Bits(b));

    public static bool IsInteger(Type type) =>
        type.IsPrimitive && type != typeof(bool) && type != typeof(char) && type != typeof(float) && type != typeof(double)
        && type != typeof(nint) && type != typeof(nuint)
        || type.IsEnum;

    private static ulong Bits<T>(T value)
        where T : unmanaged
    {
        Check<T>();
        return Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.As<T, byte>(ref value),
            2 => Unsafe.As<T, ushort>(ref value),
            4 => Unsafe.As<T, uint>(ref value),
            _ => Unsafe.As<T, ulong>(ref value),
        };
    }

    private static T FromBits<T>(ulong bits)
        where T : unmanaged
    {
        Check<T>();
        T result = default;
        switch (Unsafe.SizeOf<T>())
        {
            case 1: Unsafe.As<T, byte>(ref result) = (byte)bits; break;
            case 2: Unsafe.As<T, ushort>(ref result) = (ushort)bits; break;
            case 4: Unsafe.As<T, uint>(ref result) = (uint)bits; break;
            default: Unsafe.As<T, ulong>(ref result) = bits; break;
        }
        return result;
    }

    private static void Check<T>()
    {
        if (!IsInteger(typeof(T)))
        {
            throw new InvalidOperationException($"Increment and Add need an integer value type; {typeof(T).Name} is not one");
        }
    }
}
