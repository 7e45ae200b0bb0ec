using RehabPlatform.Programs.Model;
using RehabPlatform.Programs.UseCases;

namespace RehabPlatform.Programs.Tests;

public sealed class ExerciseCategoryCacheTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A stand-in for the library table that records what it was asked for.</summary>
    private sealed class Library(Dictionary<string, ExerciseCategory> rows)
    {
        public List<IReadOnlyCollection<string>> Reads { get; } = [];

        public Task<Dictionary<string, ExerciseCategory>> LoadAsync(IReadOnlyCollection<string> codes)
        {
            Reads.Add([.. codes]);
            return Task.FromResult(codes.Where(rows.ContainsKey).ToDictionary(c => c, c => rows[c]));
        }
    }

    private static readonly Dictionary<string, ExerciseCategory> Rows = new()
    {
        ["quad-stretch"] = ExerciseCategory.Stretch,
        ["split-squat"] = ExerciseCategory.KneeStrength,
    };

    [Fact]
    public async Task Known_codes_are_read_once_and_only_missing_codes_are_read_later()
    {
        var library = new Library(Rows);
        var cache = new ExerciseCategoryCache(new ManualClock(DateTimeOffset.UnixEpoch));

        var first = await cache.GetAsync(["quad-stretch"], library.LoadAsync);
        var second = await cache.GetAsync(["quad-stretch", "split-squat"], library.LoadAsync);
        var third = await cache.GetAsync(["split-squat", "quad-stretch"], library.LoadAsync);

        Assert.Equal(ExerciseCategory.Stretch, first["quad-stretch"]);
        Assert.Equal(ExerciseCategory.KneeStrength, second["split-squat"]);
        Assert.Equal(2, third.Count);
        Assert.Equal([["quad-stretch"], ["split-squat"]], library.Reads);
    }

    [Fact]
    public async Task A_code_the_library_lacks_is_left_out_and_asked_for_again()
    {
        var library = new Library(Rows);
        var cache = new ExerciseCategoryCache(new ManualClock(DateTimeOffset.UnixEpoch));

        var first = await cache.GetAsync(["not-in-library"], library.LoadAsync);
        await cache.GetAsync(["not-in-library"], library.LoadAsync);

        Assert.Empty(first);
        Assert.Equal(2, library.Reads.Count);
    }

    [Fact]
    public async Task An_entry_is_read_again_after_its_lifetime_so_a_reseeded_category_is_seen()
    {
        var rows = new Dictionary<string, ExerciseCategory>(Rows);
        var library = new Library(rows);
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var cache = new ExerciseCategoryCache(clock);
        await cache.GetAsync(["quad-stretch"], library.LoadAsync);

        rows["quad-stretch"] = ExerciseCategory.Isometric;
        var withinLifetime = await cache.GetAsync(["quad-stretch"], library.LoadAsync);
        clock.Now += ExerciseCategoryCache.Lifetime;
        var afterLifetime = await cache.GetAsync(["quad-stretch"], library.LoadAsync);

        Assert.Equal(ExerciseCategory.Stretch, withinLifetime["quad-stretch"]);
        Assert.Equal(ExerciseCategory.Isometric, afterLifetime["quad-stretch"]);
    }
}
