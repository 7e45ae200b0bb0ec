using BenchmarkDotNet.Running;
using RehabPlatform.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(FormAnalysisBenchmarks).Assembly).Run(args);
