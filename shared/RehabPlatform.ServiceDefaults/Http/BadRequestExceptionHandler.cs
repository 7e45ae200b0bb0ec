using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>
/// Turns what a client can get wrong (malformed JSON, a wrong type, an oversized body) into 400 or 413
/// ProblemDetails; anything else is a 500 without internals. The client's content is never echoed or logged.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException badRequest)
        {
            var status = badRequest.StatusCode;
            problem = status == StatusCodes.Status413PayloadTooLarge
                ? new ProblemDetails { Status = status, Title = "Request body too large", Detail = "The request body exceeds the size this endpoint accepts." }
                : new ValidationProblemDetails(FieldErrors(badRequest)) { Status = status, Title = "The request could not be read", Detail = "The body or a parameter is malformed or has the wrong type." };
            LogRejected(logger, status, httpContext.Request.Path);
        }
        else
        {
            LogUnhandled(logger, exception.GetType().Name, httpContext.Request.Path, exception);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred" };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // Names the JSON path that failed ("$.items[3].points"), never the value.
    private static Dictionary<string, string[]> FieldErrors(BadHttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is NullElementException nullElement)
                return new() { [ElementPath(nullElement)] = ["Must not be null: remove the element or give it a value."] };
            if (inner is JsonException { Path: { } path })
                return new() { [path] = ["The value is malformed or of the wrong type."] };
        }
        return new() { ["body"] = ["The request body is malformed."] };
    }

    // The reader's path points at the object that holds the array ("$.phases[0]"); the element is inside it.
    private static string ElementPath(NullElementException exception)
    {
        var holder = exception.Path ?? "$";
        return holder.EndsWith('.') ? holder + exception.Field : $"{holder}.{exception.Field}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a request to {Path} with {Status}")]
    private static partial void LogRejected(ILogger logger, int status, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, PathString path, Exception exception);
}
