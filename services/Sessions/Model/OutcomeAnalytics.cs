namespace RehabPlatform.Sessions.Model;

/// <summary>
/// One started program as outcome analytics sees it: no names, no ids that leave the service, only what the report
/// aggregates. <paramref name="AkpsChange"/> and the rest of the follow-up are null until a follow-up is recorded.
/// </summary>
/// <param name="Group">The template version ("template id@version") or the clinic the row is counted under.</param>
/// <param name="WeeksToMcid">From the program's start to the first follow-up that reached the AKPS MCID.</param>
/// <param name="Adherence">Sessions logged over sessions prescribed while the program ran (0-1).</param>
public sealed record OutcomeCase(string Group, int BaselineAkps, int SymptomDurationWeeks, int? AkpsChange, int? NprsChange, bool AkpsMcidReached,
    double? WeeksToMcid, double? Adherence, bool DroppedOut);

/// <summary>
/// The case-mix model: AKPS change = the group's own level + b1·baseline AKPS + b2·ln(1 + symptom weeks), fitted on every
/// follow-up at once. <see cref="ChainAverage"/> is the groups' levels weighted by their follow-ups: what a chain patient
/// with the same baseline and duration is expected to gain.
/// </summary>
public sealed record CaseMixModel(double ChainAverage, double PerBaselinePoint, double PerLogSymptomWeek, int FittedOn, double ResidualSd)
{
    public double Expected(int baselineAkps, int symptomWeeks) =>
        ChainAverage + PerBaselinePoint * baselineAkps + PerLogSymptomWeek * Math.Log(1 + symptomWeeks);
}

/// <summary>
/// Observed minus expected AKPS change for a group, with its 95 % interval; null (with <see cref="GroupOutcome.ComparisonWithheld"/>) below
/// <see cref="OutcomeAnalytics.MinFollowUpsToCompare"/> follow-ups.
/// </summary>
public sealed record AdjustedDifference(double ObservedMinusExpected, double Low, double High);

/// <summary>A group's aggregates; every figure is null when the group is suppressed (fewer than 5 patients).</summary>
public sealed record GroupOutcome(string Group, bool Suppressed, int? Started, double? FollowUpCompleteness, double? McidAmongStarted,
    double? McidAmongFollowedUp, double? MedianAkpsChange, double? MedianNprsChange, double? MedianWeeksToMcid, double? MeanAdherence, double? DropOut,
    AdjustedDifference? CaseMixAdjusted, string? ComparisonWithheld);

public sealed record OutcomeReport(IReadOnlyList<GroupOutcome> Groups, CaseMixModel? Model, int Cases, int FollowedUp);

/// <summary>
/// Outcomes per template version or per clinic, aggregates only. The case-mix adjustment follows what predicts the
/// outcome of patellofemoral pain: the baseline severity and how long the symptoms have lasted (Lankhorst 2016, Collins
/// 2013 prognostic studies; Matthews 2017 for the baseline AKPS). A group's observed change is compared with what the
/// pooled model expects for its own patients, so a template given the harder cases is not penalised for them.
/// </summary>
public static class OutcomeAnalytics
{
    /// <summary>Cells with fewer patients are never shown: with so few, a figure can point at a person.</summary>
    public const int MinCellSize = 5;
    /// <summary>Below this many follow-ups an observed-minus-expected interval is too wide to compare groups on.</summary>
    public const int MinFollowUpsToCompare = 20;

    public static OutcomeReport Report(IReadOnlyList<OutcomeCase> cases)
    {
        var followedUp = cases.Where(c => c.AkpsChange is not null).ToList();
        var fitted = Fit(followedUp);
        var groups = cases.GroupBy(c => c.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, g.ToList(), fitted)).ToList();
        return new OutcomeReport(groups, fitted?.Model, cases.Count, followedUp.Count);
    }

    private sealed record Fitted(CaseMixModel Model, IReadOnlyDictionary<string, AdjustedDifference> Differences);

    private static GroupOutcome Summarise(string group, List<OutcomeCase> cases, Fitted? fitted)
    {
        if (cases.Count < MinCellSize)
            return new GroupOutcome(group, true, null, null, null, null, null, null, null, null, null, null, $"Fewer than {MinCellSize} patients.");
        var followed = cases.Where(c => c.AkpsChange is not null).ToList();
        var reached = followed.Count(c => c.AkpsMcidReached);
        AdjustedDifference? adjusted = null;
        string? withheld = null;
        if (followed.Count < MinFollowUpsToCompare)
            withheld = $"Fewer than {MinFollowUpsToCompare} follow-ups.";
        else if (fitted?.Differences.GetValueOrDefault(group) is { } difference)
            adjusted = difference;
        else
            withheld = "The case-mix model could not be fitted on these follow-ups.";
        var adherence = cases.Where(c => c.Adherence is not null).Select(c => c.Adherence!.Value).ToList();
        return new GroupOutcome(group, false, cases.Count,
            Ratio(followed.Count, cases.Count),
            Ratio(reached, cases.Count),
            followed.Count == 0 ? null : Ratio(reached, followed.Count),
            Median(followed.Select(c => (double)c.AkpsChange!.Value)),
            Median(followed.Where(c => c.NprsChange is not null).Select(c => (double)c.NprsChange!.Value)),
            Median(cases.Where(c => c.WeeksToMcid is not null).Select(c => c.WeeksToMcid!.Value)),
            adherence.Count == 0 ? null : Math.Round(adherence.Average(), 3),
            Ratio(cases.Count(c => c.DroppedOut), cases.Count),
            adjusted, withheld);
    }

    /// <summary>
    /// Ordinary least squares with a level per group and the two predictors shared: fitting the predictors without the
    /// groups would let a group that gets the harder cases bend them, and so hide part of its own effect. A group's
    /// observed minus expected is its level minus the chain average, with the interval from the model's covariance.
    /// </summary>
    private static Fitted? Fit(IReadOnlyList<OutcomeCase> followed)
    {
        var groups = followed.Select(c => c.Group).Distinct().Order(StringComparer.Ordinal).ToList();
        var p = 2 + groups.Count;
        var n = followed.Count;
        if (n < MinFollowUpsToCompare || n <= p)
            return null;
        var index = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => 2 + x.i);
        var xtx = new double[p, p];
        var xty = new double[p];
        foreach (var c in followed)
        {
            var x = Row(c, p, index);
            for (var i = 0; i < p; i++)
            {
                xty[i] += x[i] * c.AkpsChange!.Value;
                for (var j = 0; j < p; j++)
                    xtx[i, j] += x[i] * x[j];
            }
        }
        if (Invert(xtx) is not { } inverse)
            return null;
        var beta = Enumerable.Range(0, p).Select(i => Enumerable.Range(0, p).Sum(j => inverse[i, j] * xty[j])).ToArray();
        var sse = followed.Sum(c => Math.Pow(c.AkpsChange!.Value - Row(c, p, index).Select((v, i) => v * beta[i]).Sum(), 2));
        var variance = sse / (n - p);
        var weights = groups.Select(g => (double)followed.Count(c => c.Group == g) / n).ToArray();
        var chainAverage = groups.Select((_, k) => weights[k] * beta[2 + k]).Sum();
        var t = TCritical(n - p);
        var differences = new Dictionary<string, AdjustedDifference>();
        for (var k = 0; k < groups.Count; k++)
        {
            // The contrast "this group's level minus the weighted average of all levels", and its variance c' Σ c.
            var contrast = weights.Select(w => -w).ToArray();
            contrast[k] += 1;
            var contrastVariance = 0.0;
            for (var i = 0; i < groups.Count; i++)
                for (var j = 0; j < groups.Count; j++)
                    contrastVariance += contrast[i] * contrast[j] * inverse[2 + i, 2 + j] * variance;
            var difference = beta[2 + k] - chainAverage;
            var half = t * Math.Sqrt(Math.Max(0, contrastVariance));
            differences[groups[k]] = new AdjustedDifference(Math.Round(difference, 2), Math.Round(difference - half, 2), Math.Round(difference + half, 2));
        }
        var model = new CaseMixModel(Math.Round(chainAverage, 3), Math.Round(beta[0], 4), Math.Round(beta[1], 4), n, Math.Round(Math.Sqrt(variance), 2));
        return new Fitted(model, differences);
    }

    private static double[] Row(OutcomeCase c, int p, Dictionary<string, int> index)
    {
        var x = new double[p];
        x[0] = c.BaselineAkps;
        x[1] = Math.Log(1 + c.SymptomDurationWeeks);
        x[index[c.Group]] = 1;
        return x;
    }

    /// <summary>Gauss-Jordan with partial pivoting; null for a singular matrix (every patient with the same baseline, say).</summary>
    private static double[,]? Invert(double[,] a)
    {
        var n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                m[i, j] = a[i, j];
            m[i, n + i] = 1;
        }
        var scale = Enumerable.Range(0, n).Max(i => Math.Abs(a[i, i]));
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            if (Math.Abs(m[pivot, col]) < 1e-10 * Math.Max(1, scale))
                return null;
            for (var j = 0; j < 2 * n; j++)
                (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            var divisor = m[col, col];
            for (var j = 0; j < 2 * n; j++)
                m[col, j] /= divisor;
            for (var r = 0; r < n; r++)
            {
                if (r == col || m[r, col] == 0)
                    continue;
                var factor = m[r, col];
                for (var j = 0; j < 2 * n; j++)
                    m[r, j] -= factor * m[col, j];
            }
        }
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                inverse[i, j] = m[i, n + j];
        return inverse;
    }

    /// <summary>Two-sided 95 % Student t critical values; 1.96 beyond 120 degrees of freedom.</summary>
    private static double TCritical(int df) => df switch
    {
        < 20 => 2.09,
        < 30 => 2.05,
        < 40 => 2.03,
        < 60 => 2.01,
        < 120 => 1.99,
        _ => 1.96,
    };

    private static double? Ratio(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 3);

    /// <summary>The median to one decimal; null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
            return null;
        var mid = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, 1);
    }
}
