using System.Globalization;
using RehabPlatform.LoadBenchmark;

// Onboardings through the gateway of a running platform (deploy/run.sh), as an outside client sees them. Not in the
// test command: it takes minutes and needs the whole machine. Start the platform with the gateway's rate limit raised:
//   Gateway__RateLimitPermits=1000000 deploy/run.sh          (or deploy/run.sh --postgres)
//   dotnet run -c Release --project tests/LoadBenchmark -- [--seconds 30] [--warm-up 15] [--connections 32] [--patients 40000]
//       [--sessions-db FILE|CONNECTION]   Sessions' database, read to see prescriptions appear (default: $REHAB_DATA/db/sessions.db,
//                                        the SQLite file of run.sh; with --postgres, Host=127.0.0.1;Port=5433;Username=postgres;Database=sessions)
var options = LoadOptions.Parse(args);
var run = new LoadRun(options);
var report = await run.ExecuteAsync();
Console.WriteLine(report);
if (options.ReportFile is { } file)
{
    await File.AppendAllTextAsync(file, Environment.NewLine + report);
    Console.Error.WriteLine($"Appended to {file}");
}

namespace RehabPlatform.LoadBenchmark
{
    public sealed record LoadOptions(Uri Gateway, Uri Intake, Uri Sessions, int Seconds, int WarmUpSeconds, int Connections, int Patients, double? FixedRate,
        string? ReportFile, string Label, string? SessionsDatabase)
    {
        public static LoadOptions Parse(string[] args)
        {
            string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            static string? DefaultSessionsDatabase()
            {
                var data = Environment.GetEnvironmentVariable("REHAB_DATA") ?? Path.Combine(".data", "local");
                var file = Path.Combine(data, "db", "sessions.db");
                return File.Exists(file) ? Path.GetFullPath(file) : null;
            }
            return new LoadOptions(
                new Uri(Value("--gateway") ?? "http://127.0.0.1:5100/"),
                new Uri(Value("--intake") ?? "http://127.0.0.1:5101/"),
                new Uri(Value("--sessions") ?? "http://127.0.0.1:5103/"),
                Int("--seconds", 30), Int("--warm-up", 15), Int("--connections", 32), Int("--patients", 40_000),
                Value("--rate") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
                Value("--report"), Value("--label") ?? "SQLite",
                // Where deploy/run.sh keeps Sessions' SQLite file, unless told (a PostgreSQL connection string for --postgres runs).
                Value("--sessions-db") ?? DefaultSessionsDatabase());
        }
    }
}
