using System.Text.Json.Nodes;

namespace RehabPlatform.Form.Model.Synthetic;

/// <summary>What the synthetic runner does; every value is known, so the analysis can be checked against it and demos get realistic captures.</summary>
public sealed record RunnerSpec
{
    public double Cadence { get; init; } = 165;
    public double KneeFlexionAtContact { get; init; } = 20;
    /// <summary>The right leg's knee flexion at contact when it differs from the left's (<see cref="KneeFlexionAtContact"/>).</summary>
    public double? RightKneeFlexionAtContact { get; init; }
    public double TrunkLean { get; init; } = 6;
    /// <summary>How far ahead of the hip the ankle lands, in image units (thigh and shank are 0.2 each).</summary>
    public double Reach { get; init; } = 0.16;
    /// <summary>Foot angle at contact: above 8 a heel strike, -1.6 to 8 midfoot, below -1.6 forefoot (toe down first).</summary>
    public double FootAngle { get; init; } = 12;
    /// <summary>
    /// How long before touchdown the foot is furthest ahead of the hip, as in running (0: at touchdown, as the Zeni rule
    /// assumes). Above 0 the stance foot also stays on a flat ground while the hip rises and falls.
    /// </summary>
    public double FootRetractionMs { get; init; } = 30;
    public double PelvicDrop { get; init; } = 5;
    /// <summary>The pelvic drop over right stance when it differs from left stance's (<see cref="PelvicDrop"/>).</summary>
    public double? RightPelvicDrop { get; init; }
    public double Fps { get; init; } = 120;
    public double Seconds { get; init; } = 20;
    public View View { get; init; } = View.SideFacingRight;
    /// <summary>Gaussian noise on every coordinate, in image units (0.002 is 2 px in a 1000 px frame).</summary>
    public double Noise { get; init; } = 0.002;
    /// <summary>Share of points reported below the confidence threshold (dropped by the analysis).</summary>
    public double DropRate { get; init; } = 0.03;
    public int Seed { get; init; } = 7;
}

/// <summary>
/// A synthetic runner on a treadmill: ankle paths relative to the hip with a known reach and leg extension at
/// contact, knees placed by inverse kinematics, a fixed trunk lean and a pelvis that drops by a known angle at
/// midstance. Renders frames in each supported keypoint format, with noise and dropped points.
/// </summary>
public static class SyntheticRunner
{
    private const double Thigh = 0.2, Shank = 0.2, Trunk = 0.3, PixelScale = 1000;

    public static IReadOnlyList<Dictionary<Joint, Keypoint>> Frames(RunnerSpec spec)
    {
        var random = new Random(spec.Seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var omega = Omega(spec);
        var frames = new List<Dictionary<Joint, Keypoint>>();
        var count = (int)(spec.Seconds * spec.Fps);
        for (var n = 0; n < count; n++)
        {
            var t = n / spec.Fps;
            var truth = spec.View is View.SideFacingLeft or View.SideFacingRight ? Side(spec, omega * t) : Frontal(spec, omega * t);
            frames.Add(truth.ToDictionary(p => p.Key, p =>
            {
                var dropped = random.NextDouble() < spec.DropRate;
                return new Keypoint(p.Value.X + spec.Noise * Gaussian(), p.Value.Y + spec.Noise * Gaussian(), dropped ? 0.2 : 0.9);
            }));
        }
        return frames;
    }

    private static Dictionary<Joint, (double X, double Y)> Side(RunnerSpec spec, double phase)
    {
        double d = spec.View == View.SideFacingRight ? 1 : -1;
        var hip = (X: 0.5, Y: 0.4 + 0.01 * Math.Cos(2 * phase));
        var retraction = Omega(spec) * spec.FootRetractionMs / 1000;
        // At touchdown the hip is at its highest (y = 0.39): the ground the stance foot stays on.
        var baseY = spec.FootRetractionMs > 0 ? 0.39 : hip.Y;
        var points = new Dictionary<Joint, (double, double)> { [Joint.LeftHip] = hip, [Joint.RightHip] = hip };

        foreach (var (legPhase, ankle, knee, heel, toe, flexion) in new[]
        {
            (phase, Joint.LeftAnkle, Joint.LeftKnee, Joint.LeftHeel, Joint.LeftToe, spec.KneeFlexionAtContact),
            (phase + Math.PI, Joint.RightAnkle, Joint.RightKnee, Joint.RightHeel, Joint.RightToe, spec.RightKneeFlexionAtContact ?? spec.KneeFlexionAtContact),
        })
        {
            var interior = (180 - flexion) * Math.PI / 180;
            var reachAtContact = Math.Sqrt(Thigh * Thigh + Shank * Shank - 2 * Thigh * Shank * Math.Cos(interior));
            var drop = Math.Sqrt(reachAtContact * reachAtContact - spec.Reach * spec.Reach);
            // Contact when the foot is furthest ahead (sin = 1); the foot is lifted only while it swings forward.
            // A running foot lands with speed (a corner at touchdown) unless the Zeni-style runner is asked for.
            var lift = spec.FootRetractionMs > 0 ? 0.06 * Math.Max(0, Math.Cos(legPhase)) : 0.06 * Math.Pow(Math.Max(0, Math.Cos(legPhase)), 2);
            var a = (X: hip.X + d * spec.Reach / Math.Cos(retraction) * Math.Sin(legPhase + retraction), Y: baseY + drop - lift);
            points[ankle] = a;
            points[knee] = KneeBetween(hip, a, d);
            var footAngle = spec.FootAngle * Math.PI / 180;
            var h = (X: a.X - d * 0.02, Y: a.Y + 0.03);
            points[heel] = h;
            points[toe] = (h.X + d * 0.09 * Math.Cos(footAngle), h.Y - 0.09 * Math.Sin(footAngle));
        }

        var lean = spec.TrunkLean * Math.PI / 180;
        var shoulder = (X: hip.X + d * Trunk * Math.Sin(lean), Y: hip.Y - Trunk * Math.Cos(lean));
        points[Joint.LeftShoulder] = shoulder;
        points[Joint.RightShoulder] = shoulder;
        var head = lean + 8 * Math.PI / 180;
        var ear = (X: shoulder.X + d * 0.08 * Math.Sin(head), Y: shoulder.Y - 0.08 * Math.Cos(head));
        points[Joint.LeftEar] = ear;
        points[Joint.RightEar] = ear;
        return points;
    }

    private static Dictionary<Joint, (double X, double Y)> Frontal(RunnerSpec spec, double phase)
    {
        // Seen from behind: the runner's left is on the image's left. Left midstance at phase = pi.
        const double width = 0.1;
        var stanceDrop = Math.Cos(phase) < 0 ? spec.PelvicDrop : spec.RightPelvicDrop ?? spec.PelvicDrop;
        var tilt = stanceDrop * Math.PI / 180 * -Math.Cos(phase);
        var centre = (X: 0.5, Y: 0.4 + 0.01 * Math.Cos(2 * phase));
        var leftHip = (X: centre.X - width / 2, Y: centre.Y - width / 2 * Math.Tan(tilt));
        var rightHip = (X: centre.X + width / 2, Y: centre.Y + width / 2 * Math.Tan(tilt));
        if (spec.View == View.Front)
            (leftHip.X, rightHip.X) = (rightHip.X, leftHip.X);
        var points = new Dictionary<Joint, (double, double)> { [Joint.LeftHip] = leftHip, [Joint.RightHip] = rightHip };
        foreach (var (legPhase, hip, knee, ankle, heel, toe) in new[]
        {
            (phase, leftHip, Joint.LeftKnee, Joint.LeftAnkle, Joint.LeftHeel, Joint.LeftToe),
            (phase + Math.PI, rightHip, Joint.RightKnee, Joint.RightAnkle, Joint.RightHeel, Joint.RightToe),
        })
        {
            var lift = 0.06 * Math.Pow(Math.Max(0, Math.Cos(legPhase)), 2);
            var a = (X: hip.X, Y: centre.Y + 0.38 - lift);
            points[ankle] = a;
            points[knee] = (hip.X, (hip.Y + a.Y) / 2);
            points[heel] = (a.X, a.Y + 0.03);
            points[toe] = (a.X, a.Y + 0.04);
        }
        points[Joint.LeftShoulder] = (leftHip.X - 0.02, centre.Y - Trunk);
        points[Joint.RightShoulder] = (rightHip.X + 0.02, centre.Y - Trunk);
        points[Joint.LeftEar] = (centre.X - 0.03, centre.Y - Trunk - 0.08);
        points[Joint.RightEar] = (centre.X + 0.03, centre.Y - Trunk - 0.08);
        return points;
    }

    /// <summary>Leg phase per second: one stride (two steps) per 2 pi.</summary>
    private static double Omega(RunnerSpec spec) => 2 * Math.PI * spec.Cadence / 120;

    /// <summary>
    /// When each foot touches down (seconds, both feet, in order): the instant its lift returns to zero, which is what
    /// the contact detection is checked against.
    /// </summary>
    public static IReadOnlyList<double> ContactTimes(RunnerSpec spec)
    {
        var omega = Omega(spec);
        var times = new List<double>();
        for (var k = 0; ; k++)
        {
            var left = (Math.PI / 2 + 2 * Math.PI * k) / omega;
            var right = (-Math.PI / 2 + 2 * Math.PI * k) / omega;
            if (right >= spec.Seconds && left >= spec.Seconds)
                break;
            if (right >= 0 && right < spec.Seconds) times.Add(right);
            if (left < spec.Seconds) times.Add(left);
        }
        return [.. times.Order()];
    }

    /// <summary>The knee where thigh and shank meet, bent forward (direction d).</summary>
    private static (double X, double Y) KneeBetween((double X, double Y) hip, (double X, double Y) ankle, double d)
    {
        var (dx, dy) = (ankle.X - hip.X, ankle.Y - hip.Y);
        var distance = Math.Min(Math.Sqrt(dx * dx + dy * dy), Thigh + Shank - 1e-9);
        var along = (Thigh * Thigh - Shank * Shank + distance * distance) / (2 * distance);
        var across = Math.Sqrt(Math.Max(0, Thigh * Thigh - along * along));
        var (ux, uy) = (dx / distance, dy / distance);
        var candidates = new[] { (hip.X + along * ux - across * uy, hip.Y + along * uy + across * ux), (hip.X + along * ux + across * uy, hip.Y + along * uy - across * ux) };
        return d > 0 ? candidates.MaxBy(c => c.Item1) : candidates.MinBy(c => c.Item1);
    }

    /// <summary>The frames as the upload's "frames" array in the given format.</summary>
    public static JsonArray Render(IReadOnlyList<Dictionary<Joint, Keypoint>> frames, KeypointFormat format)
    {
        var layout = KeypointLayouts.For(format);
        var count = KeypointLayouts.PointCount(format);
        var array = new JsonArray();
        foreach (var frame in frames)
        {
            if (format == KeypointFormat.BlazePose)
            {
                var landmarks = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    var joint = layout.FirstOrDefault(p => p.Value == i);
                    var point = layout.Values.Contains(i) ? frame[joint.Key] : new Keypoint(0.5, 0.5, 0.1);
                    landmarks.Add(new JsonObject { ["x"] = point.X, ["y"] = point.Y, ["visibility"] = point.Confidence });
                }
                array.Add(new JsonObject { ["landmarks"] = landmarks });
                continue;
            }
            var flat = new double[count * 3];
            foreach (var (joint, i) in layout)
            {
                var p = frame[joint];
                (flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]) = (p.X * PixelScale, p.Y * PixelScale, p.Confidence);
            }
            var values = new JsonArray(flat.Select(v => (JsonNode)v).ToArray());
            array.Add(format == KeypointFormat.OpenPoseBody25
                ? new JsonObject { ["people"] = new JsonArray(new JsonObject { ["pose_keypoints_2d"] = values }) }
                : new JsonObject { ["keypoints"] = values });
        }
        return array;
    }
}
