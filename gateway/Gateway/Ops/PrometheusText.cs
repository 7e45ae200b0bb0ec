using System.Globalization;
using System.Text;

namespace RehabPlatform.Gateway.Ops;

/// <summary>One sample of the Prometheus text exposition format: a metric name, its labels and a value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4) that every service serves at /metrics.
/// Comment and type lines are skipped; a malformed line is skipped rather than failing the whole page,
/// because one odd metric must not blind the ops dashboard.
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<MetricSample> Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            if (TryParseLine(line, out var sample))
                samples.Add(sample);
        }
        return samples;
    }

    private static bool TryParseLine(string line, out MetricSample sample)
    {
        sample = null!;
        var position = 0;
        while (position < line.Length && line[position] != '{' && !char.IsWhiteSpace(line[position]))
            position++;
        var name = line[..position];
        if (name.Length == 0)
            return false;

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (position < line.Length && line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
                    return false;
                var key = line[position..equals].Trim();
                position = equals + 2;
                var value = new StringBuilder();
                while (position < line.Length && line[position] != '"')
                {
                    if (line[position] == '\\' && position + 1 < line.Length)
                    {
                        position++;
                        value.Append(line[position] switch { 'n' => '\n', var c => c });
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                    position++;
                }
                if (position >= line.Length)
                    return false;
                labels[key] = value.ToString();
                position++;
                if (position < line.Length && line[position] == ',')
                    position++;
            }
            if (position >= line.Length)
                return false;
            position++;
        }

        var rest = line[position..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length == 0 || !TryParseValue(rest[0], out var number))
            return false;
        sample = new MetricSample(name, labels, number);
        return true;
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
