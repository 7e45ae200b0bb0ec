using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Programs;
using RehabPlatform.Programs.Data;
using RehabPlatform.Sessions.Data;

namespace RehabPlatform.Sessions.Tests;

/// <summary>Programs and Sessions on one broker: the pain-monitoring loop end to end.</summary>
public sealed class PainLoopTests : IAsyncLifetime
{
    private ServiceUnderTest<SessionsMarker, SessionsDbContext> _sessions = null!;
    private ServiceUnderTest<ProgramsMarker, ProgramsDbContext> _programs = null!;

    public async Task InitializeAsync()
    {
        _sessions = await ServiceUnderTest<SessionsMarker, SessionsDbContext>.StartAsync("sessions", DatabaseProvider.Sqlite, [typeof(ProgramAdjusted)]);
        _programs = await ServiceUnderTest<ProgramsMarker, ProgramsDbContext>.StartAsync("programs", DatabaseProvider.Sqlite, [typeof(ProgramAssigned)],
            sharedVirtualHost: _sessions.VirtualHost);
    }

    public async Task DisposeAsync()
    {
        await _programs.DisposeAsync();
        await _sessions.DisposeAsync();
    }

    [Fact]
    public async Task Sessions_confirmed_by_calm_mornings_raise_the_dose_in_Sessions_and_pain_above_the_limit_eases_it()
    {
        var patientId = Guid.NewGuid();
        await _sessions.Events.PublishAsync(new IntakeCompleted
        {
            IntakeId = Guid.NewGuid(), PatientId = patientId, ClinicId = DemoUsers.NorthClinic, AkpsScore = 75, AkpsVersion = "akps-kujala-13-v1",
            NprsNow = 2, NprsWorstLastWeek = 4, NprsWhileRunning = 3, AffectedSide = Side.Both, SymptomDurationWeeks = 6,
            Running = new RunningProfile { IsRunner = true, WeeklyDistanceKm = 30, YearsRunning = 5, RecentLoadChange = true }, OccurredAt = DateTimeOffset.UtcNow,
        });
        using var therapist = _sessions.Client("therapist-north");
        var initial = await PrescriptionAsync(therapist, patientId, p => p.GetProperty("phase").GetInt32() == 2);
        var exercise = initial.GetProperty("prescription").GetProperty("exercises")[0].GetProperty("exerciseCode").GetString()!;

        foreach (var pain in new[] { 3, 4 })
        {
            var logged = await therapist.PostAsJsonAsync($"api/sessions/patients/{patientId}/sessions", SessionsApiTests.Session(pain, exercise));
            Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
            var session = (await logged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await Eventually.MatchAsync(() => _programs.QueryAsync(db => db.Sessions.AnyAsync(s => s.SessionId == session)), known => known, TimeSpan.FromSeconds(30), "the session in Programs");
            var morning = await therapist.PostAsJsonAsync($"api/sessions/patients/{patientId}/pain-reports",
                new { context = "next-morning", pain = 1, sessionId = session, worseThanBaseline = false });
            Assert.Equal(HttpStatusCode.Created, morning.StatusCode);
        }
        var progressed = await PrescriptionAsync(therapist, patientId, p => p.GetProperty("programVersion").GetInt32() == 2);
        Assert.Equal(HttpStatusCode.Created, (await therapist.PostAsJsonAsync($"api/sessions/patients/{patientId}/sessions", SessionsApiTests.Session(7, exercise))).StatusCode);
        var eased = await PrescriptionAsync(therapist, patientId, p => p.GetProperty("programVersion").GetInt32() == 3);

        Assert.Equal((2, 2), (progressed.GetProperty("phase").GetInt32(), eased.GetProperty("phase").GetInt32()));
        var reasons = await _programs.QueryAsync(db => db.Decisions.Where(d => d.PatientId == patientId).Select(d => d.ReasonCode).ToListAsync());
        Assert.Equal(["dose-progressed", "exercise-pain-above-limit"], reasons.Order());
    }

    private static Task<JsonElement> PrescriptionAsync(HttpClient client, Guid patientId, Func<JsonElement, bool> condition) =>
        Eventually.MatchAsync(async () =>
        {
            var response = await client.GetAsync($"api/sessions/patients/{patientId}/prescription");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, p => p.ValueKind == JsonValueKind.Object && condition(p), TimeSpan.FromSeconds(45), "the prescription in Sessions");
}
