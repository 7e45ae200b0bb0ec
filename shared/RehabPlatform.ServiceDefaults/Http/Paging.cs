using System.Diagnostics.CodeAnalysis;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>A page of results; <see cref="Total"/> counts every match.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public readonly record struct PageRequest(int Number, int Size)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;

    public int Skip => (Number - 1) * Size;

    public static PageRequest From(int? page, int? pageSize) => new(page ?? 1, pageSize ?? DefaultSize);

    /// <summary>The page asked for in query parameters, or the field errors that explain why it cannot be served.</summary>
    public static bool TryFrom(int? page, int? pageSize, out PageRequest request, [NotNullWhen(false)] out Dictionary<string, string[]>? errors)
    {
        errors = Validate(page, pageSize);
        request = From(page, pageSize);
        return errors is null;
    }

    /// <returns>Field errors, or null when both values are acceptable.</returns>
    public static Dictionary<string, string[]>? Validate(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
            errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > MaxSize)
            errors["pageSize"] = [$"Between 1 and {MaxSize}."];
        return errors.Count == 0 ? null : errors;
    }

    public Page<T> Of<T>(IEnumerable<T> items, int total) => new([.. items], Number, Size, total);
}
