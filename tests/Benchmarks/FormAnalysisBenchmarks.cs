using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Synthetic;

namespace RehabPlatform.Benchmarks;

/// <summary>
/// The analysis of a 30 s, 120 fps BlazePose capture (3,600 frames), against a baseline of only parsing the
/// same upload, in the same process: the ratio says what the gait pipeline adds to the unavoidable parse.
/// </summary>
[MemoryDiagnoser]
public class FormAnalysisBenchmarks
{
    private JsonElement _upload;
    private IReadOnlyList<PoseFrame> _frames = [];
    private readonly AnalysisSettings _settings = new();

    [GlobalSetup]
    public void Setup()
    {
        var spec = new RunnerSpec { Seconds = 30, Fps = 120, Cadence = 165 };
        _upload = JsonSerializer.SerializeToElement(SyntheticRunner.Render(SyntheticRunner.Frames(spec), KeypointFormat.BlazePose));
        _frames = KeypointParser.Parse(KeypointFormat.BlazePose, _upload).Frames;
    }

    [Benchmark(Baseline = true, Description = "parse 30 s BlazePose upload")]
    public int Parse() => KeypointParser.Parse(KeypointFormat.BlazePose, _upload).Frames.Count;

    [Benchmark(Description = "analyse parsed capture")]
    public GaitAnalysis Analyse() => GaitAnalyzer.Analyze(new PoseSequence(KeypointFormat.BlazePose, View.SideFacingRight, 120, _frames), _settings);

    [Benchmark(Description = "parse + analyse (what an upload costs)")]
    public GaitAnalysis ParseAndAnalyse() =>
        GaitAnalyzer.Analyze(new PoseSequence(KeypointFormat.BlazePose, View.SideFacingRight, 120, KeypointParser.Parse(KeypointFormat.BlazePose, _upload).Frames), _settings);
}
