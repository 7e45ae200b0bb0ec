using System.Globalization;
using Xunit.Abstractions;

namespace RehabPlatform.SecurityTests;

/// <summary>
/// A seeded, bounded fuzzer over every operation of the four OpenAPI documents, through the gateway, as a chain
/// admin (who passes every role policy, so the requests reach the validators): no 5xx, every 4xx a ProblemDetails,
/// and nothing stored by a request that was refused.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class FuzzTests(SecuredPlatform secured, ITestOutputHelper output)
{
    private const int RequestsPerOperation = 50;

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, FuzzCase fuzz)
    {
        var request = new HttpRequestMessage(fuzz.Method, fuzz.PathAndQuery.TrimStart('/')) { Content = fuzz.Content() };
        return client.SendAsync(request);
    }

    /// <summary>
    /// Kestrel's own answer to a request it cannot parse as HTTP (a NUL in the path, a URI too long): it closes the
    /// connection with an empty body before any middleware could write a ProblemDetails. Counted apart, never a 5xx.
    /// </summary>
    private static bool RejectedByHttpServer(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge
        && response.Headers.ConnectionClose == true && response.Content.Headers.ContentLength is null or 0;

    [Fact]
    public async Task No_bad_request_to_any_operation_is_a_5xx_every_refusal_is_a_ProblemDetails_and_a_refused_request_stores_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REHAB_FUZZ_SEED"), CultureInfo.InvariantCulture, out var configured) ? configured : 20261124;
        var fuzzer = new Fuzzer(seed);
        using var admin = await secured.Platform.ClientAsync("chain-admin");
        var failures = new List<string>();
        var (sent, serverErrors, refused, accepted, byHttpServer, writes) = (0, 0, 0, 0, 0, 0);

        foreach (var operation in secured.Operations)
        {
            var path = operation.Path(p => secured.ValueFor(p, secured.FuzzTarget));
            var validBody = Fuzzer.ToNode(Bodies.For(operation, DemoUsers.NorthClinic, secured.TemplateId));
            var cases = fuzzer.Cases(operation, path, validBody, RequestsPerOperation).ToList();
            var refusedCases = new List<FuzzCase>();
            foreach (var fuzz in cases)
            {
                using var response = await SendAsync(admin, fuzz);
                sent++;
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    serverErrors++;
                    failures.Add($"{operation.Name} [{fuzz.What}]: {status}");
                }
                else if (status >= 400)
                {
                    refused++;
                    refusedCases.Add(fuzz);
                    if (RejectedByHttpServer(response))
                        byHttpServer++;
                    else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{operation.Name} [{fuzz.What}]: {status} without ProblemDetails ({response.Content.Headers.ContentType})");
                }
                else
                {
                    accepted++;
                }
            }

            if (operation.Method == "GET")
                continue;
            writes++;
            // Some mutations still make a valid request, which may store: the refused ones are sent again on their own
            // (they are refused for what they are, so again), and then nothing may have changed.
            var baseline = await secured.QuietAsync();
            if (refusedCases.Count < cases.Count)
            {
                foreach (var fuzz in refusedCases)
                {
                    using var again = await SendAsync(admin, fuzz);
                    sent++;
                    if ((int)again.StatusCode < 400)
                        failures.Add($"{operation.Name} [{fuzz.What}]: refused once, accepted the second time");
                }
            }
            var now = await secured.QuietAsync();
            if (!now.SequenceEqual(baseline))
                failures.Add($"{operation.Name}: refused requests stored rows ({string.Join(", ", now.Where(c => !baseline.TryGetValue(c.Key, out var b) || b != c.Value).Select(c => c.Key))})");
        }

        var summary = $"Fuzz: seed {seed}, {secured.Operations.Count} operations, {sent} requests ({refused} refused, {byHttpServer} of them by the HTTP server " +
            $"before any route, {accepted} accepted), {serverErrors} 5xx, {failures.Count} failures; refused requests to {writes} write operations stored nothing";
        TestEnvironment.Report(summary);
        output.WriteLine(summary);
        output.WriteLine(string.Join('\n', failures.Take(200)));
        Assert.True(sent >= secured.Operations.Count * RequestsPerOperation);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(50)));
    }
}
