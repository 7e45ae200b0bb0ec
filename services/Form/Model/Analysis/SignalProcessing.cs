namespace RehabPlatform.Form.Model.Analysis;

/// <summary>Gap filling, zero-lag low-pass filtering and peak finding on one coordinate series (NaN = missing).</summary>
public static class SignalProcessing
{
    /// <summary>Linear interpolation across gaps of at most <paramref name="maxGap"/> samples; longer gaps stay missing.</summary>
    public static double[] FillGaps(double[] values, int maxGap)
    {
        var result = (double[])values.Clone();
        var i = 0;
        while (i < result.Length)
        {
            if (!double.IsNaN(result[i])) { i++; continue; }
            var start = i;
            while (i < result.Length && double.IsNaN(result[i])) i++;
            var length = i - start;
            if (start == 0 || i == result.Length || length > maxGap)
                continue;
            var before = result[start - 1];
            var after = result[i];
            for (var k = 0; k < length; k++)
                result[start + k] = before + (after - before) * (k + 1) / (length + 1);
        }
        return result;
    }

    /// <summary>
    /// Second-order Butterworth low-pass run forwards and backwards (zero lag), on each run of present samples.
    /// Runs shorter than a few samples are left as they are.
    /// </summary>
    public static double[] LowPass(double[] values, double cutoffHz, double fps)
    {
        var result = (double[])values.Clone();
        if (cutoffHz >= fps / 2)
            return result;
        var i = 0;
        while (i < result.Length)
        {
            if (double.IsNaN(result[i])) { i++; continue; }
            var start = i;
            while (i < result.Length && !double.IsNaN(result[i])) i++;
            if (i - start >= 6)
            {
                var segment = result[start..i];
                var filtered = FiltFilt(segment, cutoffHz, fps);
                Array.Copy(filtered, 0, result, start, filtered.Length);
            }
        }
        return result;
    }

    private static double[] FiltFilt(double[] x, double cutoffHz, double fps)
    {
        var k = Math.Tan(Math.PI * cutoffHz / fps);
        var norm = 1 / (1 + Math.Sqrt(2) * k + k * k);
        var b0 = k * k * norm;
        var b1 = 2 * b0;
        var a1 = 2 * (k * k - 1) * norm;
        var a2 = (1 - Math.Sqrt(2) * k + k * k) * norm;

        // Reflect-pad the ends so the filter starts settled.
        var pad = Math.Min(x.Length - 1, 12);
        var padded = new double[x.Length + 2 * pad];
        for (var j = 0; j < pad; j++)
        {
            padded[j] = 2 * x[0] - x[pad - j];
            padded[padded.Length - 1 - j] = 2 * x[^1] - x[x.Length - 1 - (pad - j)];
        }
        Array.Copy(x, 0, padded, pad, x.Length);

        double[] Pass(double[] input)
        {
            var output = new double[input.Length];
            double x1 = input[0], x2 = input[0], y1 = input[0], y2 = input[0];
            for (var n = 0; n < input.Length; n++)
            {
                var y = b0 * input[n] + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
                x2 = x1; x1 = input[n]; y2 = y1; y1 = y;
                output[n] = y;
            }
            return output;
        }

        var forward = Pass(padded);
        Array.Reverse(forward);
        var backward = Pass(forward);
        Array.Reverse(backward);
        return backward[pad..(pad + x.Length)];
    }

    /// <summary>
    /// Local maxima at least <paramref name="minDistance"/> samples apart that rise clearly above the signal's
    /// middle (a third of the way from median to maximum); the higher of two close peaks wins.
    /// </summary>
    public static IReadOnlyList<int> Peaks(double[] values, int minDistance)
    {
        var present = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (present.Length < 3)
            return [];
        var median = present[present.Length / 2];
        var threshold = median + (present[^1] - median) / 3;
        var candidates = new List<int>();
        for (var i = 1; i < values.Length - 1; i++)
        {
            var v = values[i];
            if (double.IsNaN(v) || v < threshold || double.IsNaN(values[i - 1]) || double.IsNaN(values[i + 1]))
                continue;
            if (v >= values[i - 1] && v > values[i + 1])
                candidates.Add(i);
        }
        var peaks = new List<int>();
        foreach (var index in candidates.OrderByDescending(i => values[i]))
        {
            if (peaks.All(p => Math.Abs(p - index) >= minDistance))
                peaks.Add(index);
        }
        peaks.Sort();
        return peaks;
    }
}
