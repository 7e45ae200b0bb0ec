namespace RehabPlatform.Form.Model.Analysis;

/// <summary>The body points the analysis uses, whatever the pose model that produced them.</summary>
public enum Joint
{
    LeftEar, RightEar, LeftShoulder, RightShoulder, LeftHip, RightHip, LeftKnee, RightKnee,
    LeftAnkle, RightAnkle, LeftHeel, RightHeel, LeftToe, RightToe,
}

public enum KeypointFormat { BlazePose, OpenPoseBody25, Coco17 }

public enum View { SideFacingLeft, SideFacingRight, Front, Back }

/// <summary>A 2D point in image coordinates (y grows downward) with the pose model's confidence.</summary>
public readonly record struct Keypoint(double X, double Y, double Confidence);

/// <summary>One video frame: a point per joint, or none when the model did not see it.</summary>
public sealed class PoseFrame
{
    private readonly Keypoint?[] _points = new Keypoint?[Enum.GetValues<Joint>().Length];

    public Keypoint? this[Joint joint]
    {
        get => _points[(int)joint];
        set => _points[(int)joint] = value;
    }
}

/// <summary>A capture: frames at a fixed rate from one view, in one keypoint format.</summary>
public sealed record PoseSequence(KeypointFormat Format, View View, double Fps, IReadOnlyList<PoseFrame> Frames)
{
    public bool HasFeet => Format != KeypointFormat.Coco17;
    public double Duration => Frames.Count / Fps;
}

/// <summary>Index maps of the supported pose models (clinical reference, "Keypoint formats to accept").</summary>
public static class KeypointLayouts
{
    public static readonly IReadOnlyDictionary<Joint, int> BlazePose = new Dictionary<Joint, int>
    {
        [Joint.LeftEar] = 7, [Joint.RightEar] = 8, [Joint.LeftShoulder] = 11, [Joint.RightShoulder] = 12, [Joint.LeftHip] = 23, [Joint.RightHip] = 24,
        [Joint.LeftKnee] = 25, [Joint.RightKnee] = 26, [Joint.LeftAnkle] = 27, [Joint.RightAnkle] = 28, [Joint.LeftHeel] = 29, [Joint.RightHeel] = 30,
        [Joint.LeftToe] = 31, [Joint.RightToe] = 32,
    };

    public static readonly IReadOnlyDictionary<Joint, int> OpenPoseBody25 = new Dictionary<Joint, int>
    {
        [Joint.RightEar] = 17, [Joint.LeftEar] = 18, [Joint.RightShoulder] = 2, [Joint.LeftShoulder] = 5, [Joint.RightHip] = 9, [Joint.RightKnee] = 10,
        [Joint.RightAnkle] = 11, [Joint.LeftHip] = 12, [Joint.LeftKnee] = 13, [Joint.LeftAnkle] = 14, [Joint.LeftToe] = 19, [Joint.LeftHeel] = 21,
        [Joint.RightToe] = 22, [Joint.RightHeel] = 24,
    };

    public static readonly IReadOnlyDictionary<Joint, int> Coco17 = new Dictionary<Joint, int>
    {
        [Joint.LeftEar] = 3, [Joint.RightEar] = 4, [Joint.LeftShoulder] = 5, [Joint.RightShoulder] = 6, [Joint.LeftHip] = 11, [Joint.RightHip] = 12,
        [Joint.LeftKnee] = 13, [Joint.RightKnee] = 14, [Joint.LeftAnkle] = 15, [Joint.RightAnkle] = 16,
    };

    public static int PointCount(KeypointFormat format) => format switch
    {
        KeypointFormat.BlazePose => 33,
        KeypointFormat.OpenPoseBody25 => 25,
        _ => 17,
    };

    public static IReadOnlyDictionary<Joint, int> For(KeypointFormat format) => format switch
    {
        KeypointFormat.BlazePose => BlazePose,
        KeypointFormat.OpenPoseBody25 => OpenPoseBody25,
        _ => Coco17,
    };
}
