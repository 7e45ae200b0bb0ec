using System.Globalization;
using System.Text;
using RehabPlatform.Portal.Api;
using RehabPlatform.Portal.Auth;

namespace RehabPlatform.Portal;

/// <summary>
/// The coming week's home sessions as an iCalendar file: the platform sends no reminders itself, so the patient's own
/// calendar does. Sessions are spread over the week at the hour the patient picks, in the clinic's time zone.
/// </summary>
public static class PatientCalendar
{
    public static IEndpointRouteBuilder MapPatientCalendar(this IEndpointRouteBuilder app)
    {
        app.MapGet("/my/calendar.ics", CalendarAsync).RequireAuthorization(PortalPolicies.Patient);
        return app;
    }

    private static async Task<IResult> CalendarAsync(int? hour, HttpContext context, ProgramsApi programs, ClinicTime time, TimeProvider clock, CancellationToken ct)
    {
        if (context.User.PatientId() is not { } patientId)
            return TypedResults.Forbid();
        var program = await programs.ProgramAsync(patientId, ct);
        if (program.Value is not { } active)
            return TypedResults.Problem(statusCode: program.Problem?.Status ?? 404, title: "No program to put in a calendar", detail: program.Problem?.Detail);
        var exercises = (await programs.ProgramExercisesAsync(patientId, ct)).Value ?? [];
        await time.UseClinicAsync(active.ClinicId, ct);
        var text = Build(active, exercises, time.Zone, clock.GetUtcNow(), Math.Clamp(hour ?? 18, 5, 22));
        return TypedResults.File(Encoding.UTF8.GetBytes(text), "text/calendar", "rehab-week.ics");
    }

    /// <summary>One event per prescribed session in the seven days from tomorrow, evenly spaced.</summary>
    public static string Build(ProgramView program, IReadOnlyList<ExerciseView> library, TimeZoneInfo zone, DateTimeOffset now, int hour)
    {
        var perWeek = Math.Clamp(program.Prescription.SessionsPerWeek, 1, 7);
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date).AddDays(1);
        var names = library.ToDictionary(e => e.Code, e => e.Name);
        var description = string.Join("\n", program.Prescription.Exercises.Select(e =>
            $"{names.GetValueOrDefault(e.ExerciseCode, e.ExerciseCode)}: {e.Sets} x {(e.HoldSeconds is { } hold ? $"{hold} s hold" : $"{e.Reps} reps")}"));
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//RehabPlatform//Home program//EN");
        Line(ics, "CALSCALE:GREGORIAN");
        for (var i = 0; i < perWeek; i++)
        {
            var day = tomorrow.AddDays(i * 7 / perWeek);
            var wall = day.ToDateTime(new TimeOnly(hour, 0));
            var start = new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:{program.ProgramId}-{day:yyyyMMdd}@rehabplatform");
            Line(ics, $"DTSTAMP:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, $"DTSTART:{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
            Line(ics, "DURATION:PT30M");
            Line(ics, "SUMMARY:" + Escape("Home exercises"));
            Line(ics, "DESCRIPTION:" + Escape(description + "\n\nLog the session in the app afterwards, and answer the morning check-in the next day."));
            Line(ics, "END:VEVENT");
        }
        Line(ics, "END:VCALENDAR");
        return ics.ToString();
    }

    /// <summary>RFC 5545 text: backslash, semicolon and comma escaped, newlines as \n; lines end in CRLF.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Folds lines longer than 75 octets, as RFC 5545 asks.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= 75)
        {
            ics.Append(line).Append("\r\n");
            return;
        }
        var chunk = new StringBuilder();
        var length = 0;
        var first = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (length + size > (first ? 75 : 74))
            {
                ics.Append(first ? "" : " ").Append(chunk).Append("\r\n");
                chunk.Clear();
                length = 0;
                first = false;
            }
            chunk.Append(rune.ToString());
            length += size;
        }
        ics.Append(first ? "" : " ").Append(chunk).Append("\r\n");
    }
}
