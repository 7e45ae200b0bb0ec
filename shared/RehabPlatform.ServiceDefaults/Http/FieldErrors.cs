using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>Collects field errors for a 400 ValidationProblem; field names are the JSON paths clients sent.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>Adds errors found by a domain validator, their fields prefixed with where the value sits in the request.</summary>
    public void AddAll(string prefix, IEnumerable<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
            Add(prefix + field, message);
    }

    public bool Required<T>([NotNullWhen(true)] T? value, string field) where T : struct
    {
        if (value is null)
            Add(field, "Required.");
        return value is not null;
    }

    public bool Required([NotNullWhen(true)] string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
            return false;
        }
        return MaxLength(value, field, maxLength);
    }

    public bool Required([NotNullWhen(true)] object? value, string field)
    {
        if (value is null)
            Add(field, "Required.");
        return value is not null;
    }

    /// <summary>
    /// The length limit and the characters every text field refuses: control characters other than tab and line
    /// breaks (NUL among them), and the bidirectional overrides and isolates that make text display as something
    /// other than what it is.
    /// </summary>
    public bool MaxLength(string? value, string field, int maxLength)
    {
        if (value is null)
            return true;
        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
            return false;
        }
        if (value.Any(IsRefusedCharacter))
        {
            Add(field, "Contains a control or text-direction character.");
            return false;
        }
        return true;
    }

    public static bool IsRefusedCharacter(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    public void Range(int? value, string field, int min, int max)
    {
        if (value is not null && (value < min || value > max))
            Add(field, $"Between {min} and {max}.");
    }

    public void Range(decimal? value, string field, decimal min, decimal max)
    {
        if (value is not null && (value < min || value > max))
            Add(field, $"Between {min} and {max}.");
    }

    /// <summary>A query string's enum value as <see cref="KebabEnum"/> reads it; null when absent, or when unknown (an error added).</summary>
    public T? OptionalEnum<T>(string? value, string field) where T : struct, Enum
    {
        if (value is null)
            return null;
        if (KebabEnum.TryParse<T>(value, out var parsed))
            return parsed;
        Add(field, "One of: " + KebabEnum.Allowed<T>() + ".");
        return null;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), title: "The request has invalid fields");
}

public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);
}
