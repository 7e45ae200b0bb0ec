using System.Collections.Concurrent;

namespace RehabPlatform.Programs.UseCases;

/// <summary>
/// What category (and so what dosing) each exercise code has, as read from the library. Every program assigned or
/// adjusted needs the categories of its phase's exercises, while the library only grows (exercises are added, never
/// edited through the API); the seeder may rewrite the chain's own exercises when a new release starts, so an entry
/// is kept for <see cref="Lifetime"/> and every replica sees such a change within it.
/// </summary>
public sealed class ExerciseCategoryCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (ExerciseCategory Category, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>The categories of <paramref name="codes"/>; <paramref name="load"/> reads only the codes not known (or expired). A code the library lacks is left out.</summary>
    public async Task<IReadOnlyDictionary<string, ExerciseCategory>> GetAsync(IReadOnlyCollection<string> codes,
        Func<IReadOnlyCollection<string>, Task<Dictionary<string, ExerciseCategory>>> load)
    {
        var now = clock.GetUtcNow();
        var result = new Dictionary<string, ExerciseCategory>(codes.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var code in codes)
        {
            if (_entries.TryGetValue(code, out var entry) && entry.Until > now)
                result[code] = entry.Category;
            else
                missing.Add(code);
        }
        if (missing.Count == 0)
            return result;
        foreach (var (code, category) in await load(missing))
        {
            _entries[code] = (category, now + Lifetime);
            result[code] = category;
        }
        return result;
    }
}
