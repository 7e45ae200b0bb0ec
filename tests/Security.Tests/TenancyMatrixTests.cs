using Xunit.Abstractions;

namespace RehabPlatform.SecurityTests;

/// <summary>
/// Every patient- or clinic-scoped route and method in the four OpenAPI documents, called with the North patient's
/// real ids by callers who must not reach them. The routes come from the documents, so a new route is covered
/// without anyone adding it here.
/// </summary>
[Collection(SecuredPlatformCollection.Name)]
public sealed class TenancyMatrixTests(SecuredPlatform secured, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_scoped_route_is_a_404_for_another_clinic_and_refused_for_ops_and_nothing_is_stored_or_revealed()
    {
        var scoped = secured.Operations.Where(o => o.IsScoped).ToList();
        Assert.True(scoped.Count >= 20, $"only {scoped.Count} scoped operations in the OpenAPI documents");
        using var south = await secured.Platform.ClientAsync("therapist-south");
        using var ops = await secured.Platform.ClientAsync("ops");
        var before = await secured.QuietAsync();
        var failures = new List<string>();

        foreach (var operation in scoped)
        {
            var path = operation.Path(p => secured.ValueFor(p, secured.North));
            // Clinic aggregates (no patient in them) are what ops is for; everything about a patient is refused to ops.
            var opsAllowed = operation.IsClinicAggregate
                ? new[] { HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.NotFound }
                : new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound };
            foreach (var (caller, allowed) in new[] { (south, new[] { HttpStatusCode.NotFound }), (ops, opsAllowed) })
            {
                using var response = await caller.SendAsync(Request(operation, path));
                var body = await response.Content.ReadAsStringAsync();
                if (!allowed.Contains(response.StatusCode))
                    failures.Add($"{operation.Name} as {(caller == south ? "therapist-south" : "ops")}: {(int)response.StatusCode}");
                if (body.Contains(secured.North.FamilyName, StringComparison.Ordinal) || body.Contains(secured.North.Email, StringComparison.Ordinal))
                    failures.Add($"{operation.Name}: the refusal carries the patient's data");
            }
        }

        var after = await secured.QuietAsync();
        var opsRefusals = await RolePolicyRefusalsAsync("u-ops");
        TestEnvironment.Report($"Tenancy matrix: {scoped.Count} scoped routes from the OpenAPI documents x 2 callers (another clinic's therapist, ops): " +
            $"{failures.Count} failures; {opsRefusals} ops refusals audited");
        output.WriteLine(string.Join('\n', scoped.Select(o => o.Name)));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(50)));
        Assert.Equal(before, after);
        Assert.True(opsRefusals > 0, "the ops token's refusals are in the audit log");
    }

    [Fact]
    public async Task A_route_given_another_patients_data_of_the_same_clinic_finds_nothing()
    {
        using var north = await secured.Platform.ClientAsync("therapist-north");
        var (patient, other) = (secured.North.Id, secured.OtherNorth);

        var comparison = await north.GetAsync($"api/form/patients/{patient}/comparison?before={other.CaptureId}&after={other.CaptureId}");
        var decision = await north.PostAsync($"api/programs/patients/{patient}/program/decisions/{Guid.NewGuid()}/approve", null);

        Assert.Equal(HttpStatusCode.NotFound, comparison.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, decision.StatusCode);
        Assert.DoesNotContain(other.FamilyName, await comparison.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpRequestMessage Request(ApiOperation operation, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path.TrimStart('/'));
        if (operation.BodyContentType is "application/json")
            request.Content = JsonContent.Create(Bodies.For(operation, DemoUsers.SouthClinic, secured.TemplateId) ?? new { });
        else if (operation.BodyContentType is not null)
            request.Content = new ByteArrayContent([0x50, 0x4b, 0x03, 0x04]) { Headers = { ContentType = new(operation.BodyContentType) } };
        if (operation.QueryParameters.Any(p => p.Name is "before"))
            request.RequestUri = new Uri($"{path.TrimStart('/')}?before={secured.North.CaptureId}&after={secured.North.CaptureId}", UriKind.Relative);
        return request;
    }

    private async Task<long> RolePolicyRefusalsAsync(string userId)
    {
        long total = 0;
        foreach (var service in SecuredPlatform.ServiceNames)
        {
            await using var connection = await secured.OpenDatabaseAsync(service);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM audit_log WHERE UserId = $user AND Outcome = 'Denied'";
            command.Parameters.AddWithValue("$user", userId);
            total += (long)(await command.ExecuteScalarAsync())!;
        }
        return total;
    }
}
