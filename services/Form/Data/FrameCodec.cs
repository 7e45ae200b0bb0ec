namespace RehabPlatform.Form.Data;

/// <summary>Stores parsed frames compactly: per frame, per joint (in enum order), [x, y, confidence] or null.</summary>
public static class FrameCodec
{
    public static string Encode(IReadOnlyList<PoseFrame> frames) =>
        JsonSerializer.Serialize(frames.Select(f => Enum.GetValues<Joint>().Select(j => f[j] is { } p ? new[] { p.X, p.Y, p.Confidence } : null).ToArray()));

    public static IReadOnlyList<PoseFrame> Decode(string json) =>
        JsonSerializer.Deserialize<double[]?[][]>(json)!.Select(points =>
        {
            var frame = new PoseFrame();
            var joints = Enum.GetValues<Joint>();
            for (var i = 0; i < joints.Length && i < points.Length; i++)
                frame[joints[i]] = points[i] is { } p ? new Keypoint(p[0], p[1], p[2]) : null;
            return frame;
        }).ToList();
}
