using System.Globalization;

namespace RehabPlatform.Portal.Api;

/// <summary>
/// Times as the clinic's wall clock shows them: staff read and enter times in the time zone of the clinic they work
/// at (the platform stores instants). Until a clinic is known, or if its zone is unknown here, times are UTC.
/// </summary>
public sealed class ClinicTime(IntakeApi intake)
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Takes the zone of the clinic from the chain's clinic list.</summary>
    public async Task UseClinicAsync(Guid clinicId, CancellationToken ct = default) =>
        UseZone((await intake.ClinicsAsync(ct)).Value?.FirstOrDefault(c => c.Id == clinicId)?.TimeZone);

    /// <summary>An IANA zone id such as "Europe/Amsterdam"; unknown or none keeps UTC.</summary>
    public void UseZone(string? zoneId) =>
        Zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant, string format = "d MMM yyyy HH:mm") => Local(instant).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time typed into a form (datetime-local) as the instant it was at the clinic.</summary>
    public DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            return null;
        var unspecified = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>Now, for a datetime-local input's value.</summary>
    public string NowForInput(TimeProvider clock) => Local(clock.GetUtcNow()).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
