namespace RehabPlatform.Portal.Components.Shared;

public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

public sealed record ChartPoint(DateTimeOffset At, double? Value);
