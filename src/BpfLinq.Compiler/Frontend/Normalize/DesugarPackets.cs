using System.Linq.Expressions;
using System.Reflection;
using BpfLinq.Compiler.Diagnostics;
using BpfLinq.Compiler.Ir;

namespace BpfLinq.Compiler.Frontend.Normalize;

/// <summary>
/// Rewrites the packet API (<see cref="Packet"/> and the header views) into reads at anchors
/// (<see cref="PacketPrimitives"/>): a view is an anchor and an offset expression, a field is a read
/// at the view's offset plus the field's displacement, with the byte swap, shift or mask the
/// protocol needs. Where each view starts is decided here, per program kind: for tc and XDP
/// everything counts from the data (Ethernet at 0, IP at 14); for the socket-buffer kinds that
/// start at the network header, Ethernet is the kernel's MAC header and IP its network header.
/// Captured arguments (addresses, networks, strings, byte arrays, port ranges) are read now and
/// become constants. What cannot be rewritten (a view stored in a variable, a view chosen by a
/// condition) is a compile error naming the expression.
/// <code>
/// before: xdp => xdp.Packet.Ipv4.Tcp.DestinationPort == 80
/// after:  xdp => (ushort)Swap16(Read(Data, 14 + (int)((Read(Data, 14, 0, 1) &amp; 15) &lt;&lt; 2), 2, 2)) == 80
/// </code>
/// </summary>
internal sealed partial class DesugarPackets : ProvenanceVisitor
{
    private readonly ParameterExpression _context;

    private DesugarPackets(DiagnosticContext context, ParameterExpression contextParameter)
        : base(context) => _context = contextParameter;

    /// <summary>The lambda with its packet reads rewritten.</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context) => Apply(lambda, context, lambda.Parameters[0]);

    /// <summary>The lambda with its packet reads rewritten, its context being <paramref name="contextParameter"/> (a function's context may be any of its parameters).</summary>
    public static LambdaExpression Apply(LambdaExpression lambda, DiagnosticContext context, ParameterExpression contextParameter)
    {
        if (!UsesPackets(lambda))
        {
            return lambda;
        }
        var desugar = new DesugarPackets(context, contextParameter);
        return desugar.WithHeaderParses((LambdaExpression)desugar.Visit(lambda)!);
    }

    private static bool UsesPackets(Expression e) => new PacketFinder().Finds(e);

    /// <inheritdoc/>
    protected override Expression VisitMember(MemberExpression node)
    {
        if (IsView(node.Type))
        {
            throw Misuse(node);
        }
        if (node.Expression is { } inner && IsView(inner.Type))
        {
            return Field(ViewOf(inner), node);
        }
        return base.VisitMember(node);
    }

    /// <inheritdoc/>
    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (IsView(node.Type))
        {
            throw Misuse(node);
        }
        if (node.Object is { } inner && IsView(inner.Type))
        {
            return Method(ViewOf(inner), node);
        }
        if (node.Method.DeclaringType == typeof(PortRange) && node.Method.Name == nameof(PortRange.Contains) && node.Object is not null)
        {
            var range = (PortRange)Evaluate(node.Object, node)!;
            var port = Expression.Convert(Visit(node.Arguments[0])!, typeof(int));
            return Expression.AndAlso(
                Expression.GreaterThanOrEqual(port, Expression.Constant((int)range.First)),
                Expression.LessThanOrEqual(port, Expression.Constant((int)range.Last)));
        }
        return base.VisitMethodCall(node);
    }

    // Views may appear only as the object of a field read or a method call.
    private BpfCompileException Misuse(Expression node) => Context.Error(node, CompileErrors.PacketViewMisuse(node.Type));

    private static bool IsView(Type t) =>
        t == typeof(Packet) || t == typeof(Ethernet) || t == typeof(VlanTags) || t == typeof(VlanTag) || t == typeof(Ipv4)
        || t == typeof(Ipv6) || t == typeof(Tcp) || t == typeof(Udp) || t == typeof(Icmp);

    // The view an expression of view type denotes.
    private View ViewOf(Expression node)
    {
        switch (node)
        {
            case MemberExpression { Expression: ParameterExpression p, Member.Name: nameof(SkBuff.Packet) } when p == _context:
                return new View(typeof(Packet), PacketAnchor.Data, Expression.Constant(0));
            case MemberExpression { Expression: { } inner } member when IsView(inner.Type):
            {
                var parent = ViewOf(inner);
                return SubView(parent, member) with { Path = $"{parent.Path}.{member.Member.Name}" };
            }
            case MethodCallExpression { Object: { } inner } call when IsView(inner.Type):
            {
                var parent = ViewOf(inner);
                var arguments = string.Join(",", call.Arguments.Select(a => ConstantInt(a, call)));
                return SubView(parent, call) with { Path = $"{parent.Path}.{call.Method.Name}({arguments})" };
            }
            default:
                throw Misuse(node);
        }
    }

    private ConstantExpression Evaluate(Expression e, Expression site)
    {
        if (new ParameterFinder().Finds(e))
        {
            throw Context.Error(site, CompileErrors.PacketArgumentNotConstant(e));
        }
        return e is ConstantExpression c ? c : Expression.Constant(Expression.Lambda<Func<object?>>(Expression.Convert(e, typeof(object))).Compile(preferInterpretation: true)(), e.Type);
    }

    private object? Evaluate(Expression e, MethodCallExpression site) => Evaluate(e, (Expression)site).Value;

    private int ConstantInt(Expression e, Expression site) => Convert.ToInt32(Evaluate(e, site).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A header view: its type, what its offset counts from, and the offset; reads through a view with a guard are 0 unless it holds. <see cref="Path"/> names it (<c>Packet.Ipv4.Tcp</c>): one path, one header.
    /// <see cref="Outer"/> is the IP header a transport header follows, and <see cref="OwnGuard"/> the part of the guard that is the transport's own.</summary>
    private sealed record View(Type Type, PacketAnchor Anchor, Expression Offset, Expression? Guard = null, Expression? Count = null, string Path = "Packet", View? Outer = null, Expression? OwnGuard = null);

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }
    }

    private sealed class PacketFinder : ExpressionVisitor
    {
        private bool _found;

        public bool Finds(Expression e)
        {
            Visit(e);
            return _found;
        }

        public override Expression? Visit(Expression? node)
        {
            if (node is not null && (IsView(node.Type) || node.Type == typeof(PortRange)))
            {
                _found = true;
            }
            return _found ? node : base.Visit(node);
        }
    }
}
