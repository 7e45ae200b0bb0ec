using System.Globalization;

namespace RehabPlatform.Gateway.Ops;

/// <summary>A Prometheus histogram summed over its label sets: cumulative counts by upper bound, as a /metrics page shows them.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBucket> Buckets)
{
    public static readonly Histogram Empty = new([]);

    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public static Histogram From(IEnumerable<MetricSample> samples, string bucketMetric) => new(samples
        .Where(s => s.Name == bucketMetric && s.Labels.ContainsKey("le"))
        .GroupBy(s => UpperBound(s.Labels["le"]))
        .OrderBy(g => g.Key)
        .Select(g => new HistogramBucket(g.Key, g.Sum(s => s.Value)))
        .ToList());

    /// <summary>
    /// What was observed between <paramref name="earlier"/> and now. A process that restarted in between starts its
    /// counts again from zero, so everything it has counted is new.
    /// </summary>
    public Histogram Since(Histogram earlier)
    {
        if (earlier.Buckets.Count != Buckets.Count || Buckets.Where((b, i) => b.UpperBound != earlier.Buckets[i].UpperBound || b.Count < earlier.Buckets[i].Count).Any())
            return this;
        return new(Buckets.Select((b, i) => b with { Count = b.Count - earlier.Buckets[i].Count }).ToList());
    }

    /// <summary>
    /// The <paramref name="quantile"/> by linear interpolation inside the bucket it falls in, as Prometheus's
    /// histogram_quantile computes it; null when nothing was observed. In the +Inf bucket it is the highest finite bound.
    /// </summary>
    public double? Quantile(double quantile)
    {
        if (Count <= 0)
            return null;
        var rank = quantile * Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var bucket in Buckets)
        {
            if (bucket.Count >= rank)
            {
                if (double.IsPositiveInfinity(bucket.UpperBound))
                    return lowerBound;
                var inBucket = bucket.Count - lowerCount;
                return inBucket <= 0 ? bucket.UpperBound : lowerBound + (bucket.UpperBound - lowerBound) * ((rank - lowerCount) / inBucket);
            }
            lowerBound = bucket.UpperBound;
            lowerCount = bucket.Count;
        }
        return lowerBound;
    }

    private static double UpperBound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
}

public readonly record struct HistogramBucket(double UpperBound, double Count);
