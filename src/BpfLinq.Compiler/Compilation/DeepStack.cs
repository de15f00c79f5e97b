using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using BpfLinq.Compiler.Frontend;

namespace BpfLinq.Compiler.Compilation;

/// <summary>
/// Runs a walk of an expression tree on a stack sized for the tree. The compiler's walks recurse
/// (the front end over the tree, the graph searches over the blocks), and a generated tree can be
/// nested 50,000 deep: on the caller's stack that ends the process with a stack overflow, which no
/// one can catch. Small trees — every program people write — run on the caller's thread; larger
/// ones on a thread of their own whose stack grows with the tree's size (only the part a walk
/// touches is ever committed).
/// </summary>
internal static class DeepStack
{
    // Up to this many nodes every walk fits in a thread-pool thread's 1.5 MB with room to spare.
    private const int InlineNodes = 400;

    // Reserved per node: the walk that takes the most per node (lowering a chain of `!`, measured
    // at 512 to 1024 bytes) with a margin; the search of a function's blocks takes less per block.
    private const long BytesPerNode = 2048;
    private const long BaseBytes = 4 << 20;

    /// <summary>Runs <paramref name="work"/>, which walks <paramref name="tree"/>, on a stack deep enough for it.</summary>
    public static T Run<T>(Expression tree, Func<T> work)
    {
        var nodes = ExpressionSize.Count(tree, InlineNodes);
        return Run(nodes <= InlineNodes ? nodes : ExpressionSize.Count(tree, BpfCompiler.MaxNodes), work);
    }

    /// <summary>Runs <paramref name="work"/>, which walks a tree of <paramref name="nodes"/> nodes (already counted), on a stack deep enough for it.</summary>
    public static T Run<T>(int nodes, Func<T> work) =>
        nodes <= InlineNodes && RuntimeHelpers.TryEnsureSufficientExecutionStack() ? work() : OnOwnThread(work, StackBytesFor(nodes));

    /// <summary>The stack reserved for a tree of <paramref name="nodes"/> nodes.</summary>
    public static int StackBytesFor(int nodes) => (int)Math.Min(int.MaxValue, BaseBytes + nodes * BytesPerNode);

    /// <summary>Runs <paramref name="work"/> on a new thread with <paramref name="stackBytes"/> of stack; returns its result or rethrows its exception.</summary>
    public static T OnOwnThread<T>(Func<T> work, int stackBytes)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            stackBytes)
        {
            IsBackground = true,
            Name = "BpfLinq deep tree",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
