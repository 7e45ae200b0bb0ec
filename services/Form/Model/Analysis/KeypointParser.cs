using System.IO.Compression;

namespace RehabPlatform.Form.Model.Analysis;

/// <summary>A problem with the uploaded keypoints, named by its JSON path.</summary>
public sealed record CaptureError(string Field, string Message);

/// <summary>
/// Reads the supported keypoint formats into frames. Shape errors (wrong point count, NaN, missing arrays) are
/// collected with their path; at most <see cref="MaxErrors"/> are reported.
/// </summary>
public static class KeypointParser
{
    public const int MaxErrors = 20;
    public const int MaxFrames = 120 * 120;

    /// <param name="frames">The "frames" array: BlazePose {landmarks:[{x,y,visibility}]} or the bare landmark array, OpenPose {people:[{pose_keypoints_2d:[...]}]}, COCO {keypoints:[...]}.</param>
    public static (IReadOnlyList<PoseFrame> Frames, IReadOnlyList<CaptureError> Errors) Parse(KeypointFormat format, JsonElement frames)
    {
        var errors = new List<CaptureError>();
        var result = new List<PoseFrame>();
        if (frames.ValueKind != JsonValueKind.Array || frames.GetArrayLength() == 0)
            return ([], [new CaptureError("frames", "At least one frame is required.")]);
        if (frames.GetArrayLength() > MaxFrames)
            return ([], [new CaptureError("frames", $"At most {MaxFrames} frames (two minutes at 120 fps).")]);

        var index = 0;
        foreach (var frame in frames.EnumerateArray())
        {
            var path = $"frames[{index++}]";
            var parsed = format switch
            {
                KeypointFormat.BlazePose => ParseBlazePose(frame, path, errors),
                KeypointFormat.OpenPoseBody25 => ParseOpenPose(frame, path, errors),
                _ => ParseFlat(frame, "keypoints", KeypointLayouts.Coco17, 17, path, errors),
            };
            if (parsed is not null)
                result.Add(parsed);
            if (errors.Count >= MaxErrors)
                break;
        }
        return (result, errors);
    }

    /// <summary>OpenPose's own output: a zip of one JSON file per frame, in file-name order.</summary>
    public static (IReadOnlyList<PoseFrame> Frames, IReadOnlyList<CaptureError> Errors) ParseOpenPoseZip(Stream zip)
    {
        var errors = new List<CaptureError>();
        var frames = new List<PoseFrame>();
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
            var entries = archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.FullName, StringComparer.Ordinal).ToList();
            if (entries.Count == 0)
                return ([], [new CaptureError("zip", "No .json frame files in the archive.")]);
            if (entries.Count > MaxFrames)
                return ([], [new CaptureError("zip", $"At most {MaxFrames} frames.")]);
            foreach (var entry in entries)
            {
                if (entry.Length > 1024 * 1024)
                {
                    errors.Add(new CaptureError(entry.Name, "A frame file is larger than 1 MB."));
                    break;
                }
                using var stream = entry.Open();
                using var document = JsonDocument.Parse(stream);
                if (ParseOpenPose(document.RootElement, entry.Name, errors) is { } frame)
                    frames.Add(frame);
                if (errors.Count >= MaxErrors)
                    break;
            }
        }
        catch (InvalidDataException)
        {
            return ([], [new CaptureError("zip", "Not a readable zip archive.")]);
        }
        catch (JsonException ex)
        {
            return ([], [new CaptureError("zip", "A frame file is not valid JSON" + (ex.Path is null ? "." : $" at {ex.Path}."))]);
        }
        return (frames, errors);
    }

    /// <summary>A frame as <c>{ "landmarks": [...] }</c> or, as many exports write it, the bare array of 33 landmarks.</summary>
    private static PoseFrame? ParseBlazePose(JsonElement frame, string path, List<CaptureError> errors)
    {
        var landmarks = frame;
        if (frame.ValueKind == JsonValueKind.Object)
        {
            if (!frame.TryGetProperty("landmarks", out landmarks))
                landmarks = default;
            path += ".landmarks";
        }
        if (landmarks.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new CaptureError(path, "Expected an array of 33 landmarks, bare or as { \"landmarks\": [...] }."));
            return null;
        }
        if (landmarks.GetArrayLength() != 33)
        {
            errors.Add(new CaptureError(path, $"Expected 33 BlazePose landmarks, got {landmarks.GetArrayLength()}."));
            return null;
        }
        var points = landmarks.EnumerateArray().ToList();
        var pose = new PoseFrame();
        foreach (var (joint, i) in KeypointLayouts.BlazePose)
        {
            var p = points[i];
            if (!TryNumber(p, "x", out var x) || !TryNumber(p, "y", out var y) || !TryNumber(p, "visibility", out var v))
            {
                errors.Add(new CaptureError($"{path}[{i}]", "x, y and visibility: " + PlausibleNumber));
                return null;
            }
            pose[joint] = new Keypoint(x, y, v);
        }
        return pose;
    }

    private static PoseFrame? ParseOpenPose(JsonElement frame, string path, List<CaptureError> errors)
    {
        if (frame.ValueKind != JsonValueKind.Object || !frame.TryGetProperty("people", out var people) || people.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new CaptureError(path + ".people", "Expected OpenPose output with a people array."));
            return null;
        }
        if (people.GetArrayLength() == 0)
            return new PoseFrame(); // nobody detected in this frame: every point missing

        // Several people: the runner is the most confidently detected one.
        PoseFrame? best = null;
        var bestConfidence = -1.0;
        var personIndex = 0;
        foreach (var person in people.EnumerateArray())
        {
            var personPath = $"{path}.people[{personIndex++}]";
            var parsed = ParseFlat(person, "pose_keypoints_2d", KeypointLayouts.OpenPoseBody25, 25, personPath, errors);
            if (parsed is null)
                return null;
            var confidence = Enum.GetValues<Joint>().Select(j => parsed[j]?.Confidence ?? 0).Average();
            if (confidence > bestConfidence)
                (best, bestConfidence) = (parsed, confidence);
        }
        return best;
    }

    private static PoseFrame? ParseFlat(JsonElement container, string property, IReadOnlyDictionary<Joint, int> layout, int count, string path, List<CaptureError> errors)
    {
        if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty(property, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new CaptureError($"{path}.{property}", $"Expected an array of {count * 3} numbers (x, y, confidence per point)."));
            return null;
        }
        if (values.GetArrayLength() != count * 3)
        {
            errors.Add(new CaptureError($"{path}.{property}", $"Expected {count} keypoints ({count * 3} numbers), got {values.GetArrayLength()} numbers."));
            return null;
        }
        var numbers = new double[count * 3];
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !IsPlausible(number))
            {
                errors.Add(new CaptureError($"{path}.{property}[{i}]", PlausibleNumber));
                return null;
            }
            numbers[i++] = number;
        }
        var frame = new PoseFrame();
        foreach (var (joint, k) in layout)
        {
            var (x, y, c) = (numbers[3 * k], numbers[3 * k + 1], numbers[3 * k + 2]);
            // OpenPose writes (0, 0, 0) for a point it did not find.
            frame[joint] = c <= 0 && x == 0 && y == 0 ? null : new Keypoint(x, y, c);
        }
        return frame;
    }

    private static bool TryNumber(JsonElement element, string name, out double value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number
               && p.TryGetDouble(out value) && IsPlausible(value);
    }

    /// <summary>
    /// Pixel coordinates of any camera, normalised coordinates and confidences are all far below this; a larger number
    /// is a unit or export error, and near double's range it would overflow the filters.
    /// </summary>
    public const double MaxMagnitude = 100_000;

    private const string PlausibleNumber = "Must be a finite number between -100000 and 100000.";

    private static bool IsPlausible(double value) => double.IsFinite(value) && Math.Abs(value) <= MaxMagnitude;
}
