using System.Collections.Concurrent;

namespace BpfLinq.Compiler.Tests.Differential.Harness;

/// <summary>What a differential run did: outcomes, error codes, kernel loads and runs.</summary>
internal sealed class DifferentialStatistics
{
    private readonly ConcurrentDictionary<CaseVerdict, int> _verdicts = new();
    private readonly ConcurrentDictionary<string, int> _codes = new();
    private int _loads;
    private int _runs;
    private int _supportedCompiled;
    private int _supported;

    /// <summary>Cases per verdict.</summary>
    public int this[CaseVerdict verdict] => _verdicts.GetValueOrDefault(verdict);

    /// <summary>Compile errors per code.</summary>
    public IReadOnlyDictionary<string, int> Codes => _codes;

    /// <summary>Programs loaded into the kernel.</summary>
    public int Loads => _loads;

    /// <summary>BPF_PROG_TEST_RUN calls.</summary>
    public int Runs => _runs;

    /// <summary>Cases without a generated unsupported node.</summary>
    public int Supported => _supported;

    /// <summary>Cases without a generated unsupported node that compiled (and then agreed or failed).</summary>
    public int SupportedCompiled => _supportedCompiled;

    /// <summary>Records one case.</summary>
    public void Record(CaseOutcome outcome, bool hasUnsupportedNode)
    {
        _verdicts.AddOrUpdate(outcome.Verdict, 1, (_, n) => n + 1);
        if (outcome.Error is { } error)
        {
            _codes.AddOrUpdate(error.Code, 1, (_, n) => n + 1);
        }
        if (!hasUnsupportedNode && outcome.Verdict != CaseVerdict.Invalid)
        {
            Interlocked.Increment(ref _supported);
            if (outcome.Verdict != CaseVerdict.Rejected)
            {
                Interlocked.Increment(ref _supportedCompiled);
            }
        }
    }

    /// <summary>Counts a program load.</summary>
    public void CountLoad() => Interlocked.Increment(ref _loads);

    /// <summary>Counts test runs.</summary>
    public void CountRuns(int runs) => Interlocked.Add(ref _runs, runs);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{this[CaseVerdict.Agreed]} agreed, {this[CaseVerdict.Rejected]} rejected ({string.Join(", ", _codes.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}"))}), "
        + $"{this[CaseVerdict.Failed]} failed, {this[CaseVerdict.Invalid]} discarded; {SupportedCompiled}/{Supported} programs without unsupported nodes compiled; "
        + $"{Loads} loads, {Runs} test runs";
}
