namespace RehabPlatform.Form.Model.Analysis;

/// <summary>
/// A metric over the capture's steps, with the mean of each leg: pooling both legs hides the asymmetry that matters in
/// a one-sided injury (clinical reference, "Running form"). For frontal metrics the leg is the stance leg.
/// </summary>
public sealed record MetricResult(string Code, string Unit, double? Mean, double? Sd, int Count, string? UnavailableReason = null, double? Left = null, double? Right = null)
{
    /// <summary>Left minus right, when both legs have values.</summary>
    public double? Asymmetry => Left - Right;
}

/// <summary>Per-step values, kept by leg.</summary>
internal sealed class LegValues
{
    public List<double> Left { get; } = [];
    public List<double> Right { get; } = [];
    public IEnumerable<double> All => Left.Concat(Right);
    public void Add(bool left, double value) => (left ? Left : Right).Add(value);
}

public sealed record GaitAnalysis(
    View View,
    IReadOnlyList<MetricResult> Metrics,
    IReadOnlyList<string> Flags,
    double? Cadence,
    int? CadenceTarget,
    string? FootStrike,
    int LeftSteps,
    int RightSteps,
    bool LowReliability,
    IReadOnlyList<string> ReliabilityNotes,
    IReadOnlyList<string>? LegFlags = null,
    IReadOnlyList<double>? ContactSeconds = null,
    IReadOnlyList<KeyPose>? KeyPoses = null)
{
    public bool IsFinite =>
        Metrics.All(m => IsFiniteOrAbsent(m.Mean) && IsFiniteOrAbsent(m.Sd)) && IsFiniteOrAbsent(Cadence)
        && (KeyPoses ?? []).All(pose => pose.Points.All(p => double.IsFinite(p.X) && double.IsFinite(p.Y)) && pose.Values.Values.All(double.IsFinite));

    private static bool IsFiniteOrAbsent(double? value) => value is null || double.IsFinite(value.Value);
}

/// <summary>A joint's position in image units, x already scaled by the image's width over height.</summary>
public sealed record PosePoint(Joint Joint, double X, double Y);

/// <summary>
/// The runner at one moment of one representative step (the leg's step nearest its mean), with the values measured on
/// it: what the portal draws as a stick figure.
/// </summary>
public sealed record KeyPose(string Moment, string Leg, double Seconds, IReadOnlyList<PosePoint> Points, IReadOnlyDictionary<string, double> Values)
{
    public const string InitialContact = "initial-contact";
    public const string Midstance = "midstance";
}

/// <summary>Thrown when a capture cannot be analysed at all (for example fewer than 2 contacts per side).</summary>
/// <param name="field">The upload's field the reason is about: the keypoints ("frames") unless the declared settings are at fault.</param>
public sealed class NotAnalysableException(string reason, string field = "frames") : Exception(reason)
{
    public string Field { get; } = field;
}

public static class MetricCodes
{
    public const string Cadence = "cadence";
    public const string OverstrideDistance = "overstride-distance";
    public const string TibiaAngle = "tibia-angle-at-contact";
    public const string FootStrikeAngle = "foot-strike-angle";
    public const string KneeFlexion = "knee-flexion-at-contact";
    public const string TrunkLean = "trunk-lean-midstance";
    public const string VerticalOscillation = "vertical-oscillation";
    public const string HeadForward = "head-forward-angle";
    public const string PelvicDrop = "contralateral-pelvic-drop";
    public const string Kfppa = "knee-frontal-plane-projection-angle";
}

/// <summary>
/// Running-form metrics from 2D keypoints as the clinical reference describes them: confidence filter, gap
/// filling, zero-lag low-pass, gait events (Zeni: contact at the peak of d*(heel_x - hip_x), toe-off at the
/// minimum of d*(toe_x - hip_x)), per-step values averaged with their spread.
/// </summary>
public static class GaitAnalyzer
{
    private const double MinStepSeconds = 0.4;

    public static GaitAnalysis Analyze(PoseSequence capture, AnalysisSettings settings, double aspectRatio = 1)
    {
        if (capture.Frames.Count == 0)
            throw new NotAnalysableException("The capture has no frames.");
        var series = Prepare(capture, settings, aspectRatio);
        var analysis = capture.View is View.SideFacingLeft or View.SideFacingRight
            ? AnalyzeSide(capture, series, settings)
            : AnalyzeFrontal(capture, series, settings);
        // Finite keypoints can still overflow in the filters (coordinates near double's range): such a result can be
        // neither stored nor believed.
        if (!analysis.IsFinite)
            throw new NotAnalysableException("The keypoints produce values out of numeric range; check that the coordinates are pixels or normalised image coordinates.");
        return analysis;
    }

    private sealed class Series(int frames)
    {
        public readonly Dictionary<Joint, (double[] X, double[] Y)> Points = new();
        public readonly Dictionary<Joint, (double[] X, double[] Y)> Raw = new();

        /// <summary>The gap-filled but unfiltered position: what a clinician digitises on the contact frame.</summary>
        public (double X, double Y)? RawAt(Joint joint, int i)
        {
            if (!Raw.TryGetValue(joint, out var r) || double.IsNaN(r.X[i]) || double.IsNaN(r.Y[i]))
                return null;
            return (r.X[i], r.Y[i]);
        }
        public int Frames { get; } = frames;

        public (double X, double Y)? At(Joint joint, int i)
        {
            if (!Points.TryGetValue(joint, out var s) || double.IsNaN(s.X[i]) || double.IsNaN(s.Y[i]))
                return null;
            return (s.X[i], s.Y[i]);
        }

        public (double X, double Y)? Mid(Joint a, Joint b, int i) => (At(a, i), At(b, i)) switch
        {
            ({ } p, { } q) => ((p.X + q.X) / 2, (p.Y + q.Y) / 2),
            ({ } p, null) => p,
            (null, { } q) => q,
            _ => null,
        };
    }

    private static Series Prepare(PoseSequence capture, AnalysisSettings settings, double aspectRatio)
    {
        var series = new Series(capture.Frames.Count);
        var maxGap = Math.Max(1, (int)Math.Round(settings.MaxGapSeconds * capture.Fps));
        var cutoff = Math.Min(settings.LowPassHz, 0.4 * capture.Fps);
        foreach (var joint in Enum.GetValues<Joint>())
        {
            var x = new double[capture.Frames.Count];
            var y = new double[capture.Frames.Count];
            for (var i = 0; i < capture.Frames.Count; i++)
            {
                var point = capture.Frames[i][joint];
                var usable = point is { } p && p.Confidence >= settings.MinConfidence && double.IsFinite(p.X) && double.IsFinite(p.Y);
                x[i] = usable ? point!.Value.X * aspectRatio : double.NaN;
                y[i] = usable ? point!.Value.Y : double.NaN;
            }
            if (x.All(double.IsNaN))
                continue;
            var (filledX, filledY) = (SignalProcessing.FillGaps(x, maxGap), SignalProcessing.FillGaps(y, maxGap));
            series.Points[joint] = (SignalProcessing.LowPass(filledX, cutoff, capture.Fps), SignalProcessing.LowPass(filledY, cutoff, capture.Fps));
            // Touchdown is a corner in the foot's path that the low-pass filter rounds off: contacts, and the angles at
            // them, are taken from the unfiltered positions (averaged over the steps, as clinicians digitise contact frames).
            series.Raw[joint] = (filledX, filledY);
        }
        return series;
    }

    private static GaitAnalysis AnalyzeSide(PoseSequence capture, Series s, AnalysisSettings settings)
    {
        double d = capture.View == View.SideFacingRight ? 1 : -1;
        if (TravelDirection(s) is { } travel && travel != d)
            throw new NotAnalysableException(
                $"The runner moves to the {(travel > 0 ? "right" : "left")} of the image, but the capture was declared {(d > 0 ? "side-facing-right" : "side-facing-left")}. " +
                "Upload it again with the view it was filmed from; every forward-backward metric would otherwise be mirrored.", "view");
        var feet = capture.HasFeet;
        var minDistance = Math.Max(2, (int)Math.Round(MinStepSeconds * capture.Fps));
        var legLength = LegLength(s);

        (IReadOnlyList<int> Contacts, IReadOnlyList<int> ToeOffs) Events(Joint heel, Joint toe, Joint ankle)
        {
            var contactSignal = new double[s.Frames];
            var toeSignal = new double[s.Frames];
            for (var i = 0; i < s.Frames; i++)
            {
                var hip = s.Mid(Joint.LeftHip, Joint.RightHip, i);
                var h = s.At(feet ? heel : ankle, i) ?? s.At(ankle, i);
                var t = s.At(feet ? toe : ankle, i) ?? s.At(ankle, i);
                contactSignal[i] = hip is { } hp && h is { } hh ? d * (hh.X - hp.X) : double.NaN;
                toeSignal[i] = hip is { } hp2 && t is { } tt ? -d * (tt.X - hp2.X) : double.NaN;
            }
            var zeni = SignalProcessing.Peaks(contactSignal, minDistance);
            return (RefineContacts(zeni, s, feet ? [heel, toe, ankle] : [ankle], capture.Fps), SignalProcessing.Peaks(toeSignal, minDistance));
        }

        var left = Events(Joint.LeftHeel, Joint.LeftToe, Joint.LeftAnkle);
        var right = Events(Joint.RightHeel, Joint.RightToe, Joint.RightAnkle);
        RequireContacts(left.Contacts.Count, right.Contacts.Count, "initial contacts");

        var overstride = new LegValues();
        var tibia = new LegValues();
        var knee = new LegValues();
        var footAngle = new LegValues();
        var trunk = new LegValues();
        var head = new LegValues();
        var contactSteps = new List<Step>();
        var midstanceSteps = new List<Step>();
        foreach (var (contacts, toeOffs, sideJoints, isLeft) in new[]
        {
            (left.Contacts, left.ToeOffs, (Hip: Joint.LeftHip, Knee: Joint.LeftKnee, Ankle: Joint.LeftAnkle, Heel: Joint.LeftHeel, Toe: Joint.LeftToe), true),
            (right.Contacts, right.ToeOffs, (Hip: Joint.RightHip, Knee: Joint.RightKnee, Ankle: Joint.RightAnkle, Heel: Joint.RightHeel, Toe: Joint.RightToe), false),
        })
        {
            foreach (var ic in contacts)
            {
                var hip = s.RawAt(sideJoints.Hip, ic) ?? s.Mid(Joint.LeftHip, Joint.RightHip, ic);
                var k = s.RawAt(sideJoints.Knee, ic);
                var a = s.RawAt(sideJoints.Ankle, ic);
                var atContact = new Dictionary<string, double>();
                if (hip is { } hp && k is { } kn && a is { } an)
                {
                    knee.Add(isLeft, atContact[MetricCodes.KneeFlexion] = 180 - Angle(hp, kn, an));
                    tibia.Add(isLeft, atContact[MetricCodes.TibiaAngle] = Degrees(Math.Atan2(d * (an.X - kn.X), an.Y - kn.Y)));
                }
                var mid = s.Mid(Joint.LeftHip, Joint.RightHip, ic);
                var heelPoint = feet ? s.RawAt(sideJoints.Heel, ic) : null;
                if (mid is { } m && heelPoint is { } hl && legLength > 0)
                    overstride.Add(isLeft, atContact[MetricCodes.OverstrideDistance] = d * (hl.X - m.X) / legLength);
                if (feet && heelPoint is { } h2 && s.RawAt(sideJoints.Toe, ic) is { } toe)
                    footAngle.Add(isLeft, atContact[MetricCodes.FootStrikeAngle] = Degrees(Math.Atan2(h2.Y - toe.Y, d * (toe.X - h2.X))) - settings.StandingFootAngle);
                contactSteps.Add(new Step(isLeft, ic, atContact));

                // Midstance: the stance ankle passes under the hip, before this foot's toe-off.
                var end = toeOffs.FirstOrDefault(t => t > ic, Math.Min(s.Frames - 1, ic + minDistance));
                var midstance = Enumerable.Range(ic, Math.Max(1, end - ic))
                    .Where(i => s.At(sideJoints.Ankle, i) is not null && s.Mid(Joint.LeftHip, Joint.RightHip, i) is not null)
                    .Select(i => (i, gap: Math.Abs(s.At(sideJoints.Ankle, i)!.Value.X - s.Mid(Joint.LeftHip, Joint.RightHip, i)!.Value.X)))
                    .OrderBy(p => p.gap).Select(p => (int?)p.i).FirstOrDefault();
                if (midstance is { } ms && s.Mid(Joint.LeftShoulder, Joint.RightShoulder, ms) is { } sh && s.Mid(Joint.LeftHip, Joint.RightHip, ms) is { } hm)
                {
                    var atMidstance = new Dictionary<string, double>();
                    trunk.Add(isLeft, atMidstance[MetricCodes.TrunkLean] = Degrees(Math.Atan2(d * (sh.X - hm.X), hm.Y - sh.Y)));
                    if (s.Mid(Joint.LeftEar, Joint.RightEar, ms) is { } ear)
                        head.Add(isLeft, atMidstance[MetricCodes.HeadForward] = Degrees(Math.Atan2(d * (ear.X - sh.X), sh.Y - ear.Y)));
                    midstanceSteps.Add(new Step(isLeft, ms, atMidstance));
                }
            }
        }

        var allContacts = left.Contacts.Concat(right.Contacts).Order().ToList();
        var cadence = Cadence(allContacts, capture.Fps);
        var oscillation = new List<double>();
        for (var c = 0; c + 1 < allContacts.Count; c++)
        {
            var ys = Enumerable.Range(allContacts[c], allContacts[c + 1] - allContacts[c] + 1)
                .Select(i => s.Mid(Joint.LeftHip, Joint.RightHip, i)?.Y).OfType<double>().ToList();
            if (ys.Count > 1 && legLength > 0)
                oscillation.Add((ys.Max() - ys.Min()) / legLength * 100);
        }

        var footStrikeAngle = Summary(MetricCodes.FootStrikeAngle, "deg", footAngle, feet ? null : "format-has-no-heel-or-toe-keypoints");
        var metrics = new List<MetricResult>
        {
            new(MetricCodes.Cadence, "steps/min", cadence, null, allContacts.Count),
            Summary(MetricCodes.OverstrideDistance, "leg-lengths", overstride, feet ? null : "format-has-no-heel-or-toe-keypoints"),
            Summary(MetricCodes.TibiaAngle, "deg", tibia),
            footStrikeAngle,
            Summary(MetricCodes.KneeFlexion, "deg", knee),
            Summary(MetricCodes.TrunkLean, "deg", trunk),
            Summary(MetricCodes.VerticalOscillation, "%-leg-length", oscillation),
            Summary(MetricCodes.HeadForward, "deg", head, head.All.Any() ? null : "no-ear-keypoints"),
        };
        var footStrike = footStrikeAngle.Mean switch
        {
            null => null,
            > 8 => "heel",
            < -1.6 => "forefoot",
            _ => "midfoot",
        };
        var keyPoses = Representative(contactSteps, MetricCodes.TibiaAngle, tibia).Select(step => Pose(s, step, KeyPose.InitialContact, capture.Fps, raw: true))
            .Concat(Representative(midstanceSteps, MetricCodes.TrunkLean, trunk).Select(step => Pose(s, step, KeyPose.Midstance, capture.Fps, raw: false)))
            .ToList();
        return Conclude(capture, settings, metrics, cadence, footStrike, left.Contacts.Count, right.Contacts.Count)
            with { ContactSeconds = allContacts.Select(i => i / capture.Fps).ToList(), KeyPoses = keyPoses };
    }

    private static GaitAnalysis AnalyzeFrontal(PoseSequence capture, Series s, AnalysisSettings settings)
    {
        var minDistance = Math.Max(2, (int)Math.Round(MinStepSeconds * capture.Fps));
        // Midstance of one leg: its ankle is lowest in the image relative to the swinging other ankle.
        IReadOnlyList<int> Stances(Joint stance, Joint swing)
        {
            var signal = new double[s.Frames];
            for (var i = 0; i < s.Frames; i++)
                signal[i] = s.At(stance, i) is { } a && s.At(swing, i) is { } b ? a.Y - b.Y : double.NaN;
            return SignalProcessing.Peaks(signal, minDistance);
        }
        var left = Stances(Joint.LeftAnkle, Joint.RightAnkle);
        var right = Stances(Joint.RightAnkle, Joint.LeftAnkle);
        RequireContacts(left.Count, right.Count, "stance phases");

        var drop = new LegValues();
        var kfppa = new LegValues();
        var stanceSteps = new List<Step>();
        foreach (var (stances, hip, other, kneeJoint, ankle, isLeft) in new[]
        {
            (left, Joint.LeftHip, Joint.RightHip, Joint.LeftKnee, Joint.LeftAnkle, true),
            (right, Joint.RightHip, Joint.LeftHip, Joint.RightKnee, Joint.RightAnkle, false),
        })
        {
            foreach (var i in stances)
            {
                if (s.At(hip, i) is not { } h || s.At(other, i) is not { } o)
                    continue;
                var atStance = new Dictionary<string, double>();
                drop.Add(isLeft, atStance[MetricCodes.PelvicDrop] = Degrees(Math.Atan2(o.Y - h.Y, Math.Abs(o.X - h.X))));
                if (s.At(kneeJoint, i) is { } k && s.At(ankle, i) is { } a)
                {
                    var lineX = h.X + (a.X - h.X) * (k.Y - h.Y) / (a.Y - h.Y);
                    var medial = Math.Sign(o.X - h.X);
                    kfppa.Add(isLeft, atStance[MetricCodes.Kfppa] = Math.Sign((k.X - lineX) * medial) * (180 - Angle(h, k, a)));
                }
                stanceSteps.Add(new Step(isLeft, i, atStance));
            }
        }
        var cadence = Cadence(left.Concat(right).Order().ToList(), capture.Fps);
        var metrics = new List<MetricResult>
        {
            new(MetricCodes.Cadence, "steps/min", cadence, null, left.Count + right.Count),
            Summary(MetricCodes.PelvicDrop, "deg", drop),
            Summary(MetricCodes.Kfppa, "deg", kfppa),
        };
        var keyPoses = Representative(stanceSteps, MetricCodes.PelvicDrop, drop).Select(step => Pose(s, step, KeyPose.Midstance, capture.Fps, raw: false)).ToList();
        return Conclude(capture, settings, metrics, cadence, null, left.Count, right.Count) with { KeyPoses = keyPoses };
    }

    /// <summary>One step's frame and the metric values measured on it.</summary>
    private sealed record Step(bool IsLeft, int Frame, IReadOnlyDictionary<string, double> Values);

    /// <summary>
    /// Per leg, the step whose value of the metric is nearest that leg's mean: the figure drawn from it shows what the
    /// averaged numbers mean, where the first or a random step could be the outlier.
    /// </summary>
    private static IEnumerable<Step> Representative(List<Step> steps, string code, LegValues values)
    {
        foreach (var isLeft in new[] { true, false })
        {
            var leg = isLeft ? values.Left : values.Right;
            var mean = leg.Count > 0 ? leg.Average() : (double?)null;
            var pick = steps.Where(st => st.IsLeft == isLeft)
                .OrderBy(st => mean is { } m && st.Values.TryGetValue(code, out var v) ? Math.Abs(v - m) : double.MaxValue)
                .FirstOrDefault();
            if (pick is not null)
                yield return pick;
        }
    }

    /// <summary>Every joint seen on the step's frame, unfiltered at contact (as the contact metrics are measured) and filtered otherwise.</summary>
    private static KeyPose Pose(Series s, Step step, string moment, double fps, bool raw) => new(moment, step.IsLeft ? "left" : "right", step.Frame / fps,
        Enum.GetValues<Joint>().Select(j => (Joint: j, Point: raw ? s.RawAt(j, step.Frame) ?? s.At(j, step.Frame) : s.At(j, step.Frame)))
            .Where(p => p.Point is not null).Select(p => new PosePoint(p.Joint, p.Point!.Value.X, p.Point.Value.Y)).ToList(),
        step.Values);

    private static GaitAnalysis Conclude(PoseSequence capture, AnalysisSettings settings, List<MetricResult> metrics, double? cadence, string? footStrike, int leftSteps, int rightSteps)
    {
        var notes = new List<string>();
        if (leftSteps < settings.MinStepsPerSide || rightSteps < settings.MinStepsPerSide)
            notes.Add($"Only {leftSteps} left and {rightSteps} right steps; at least {settings.MinStepsPerSide} per side are needed for reliable averages.");
        if (capture.Fps < settings.MinReliableFps)
            notes.Add($"Recorded at {capture.Fps:0.#} fps; at least {settings.MinReliableFps:0} fps is needed to time contacts reliably.");

        double? Mean(string code) => metrics.FirstOrDefault(m => m.Code == code)?.Mean;
        var flags = new List<string>();
        int? target = null;
        if (cadence is { } c && c <= settings.LowCadenceAtOrBelow)
        {
            flags.Add("low-cadence");
            target = settings.CadenceTargetFor(c);
        }
        if (Mean(MetricCodes.TibiaAngle) > 0) flags.Add("overstride");
        if (Mean(MetricCodes.KneeFlexion) < settings.MinKneeFlexionAtContact) flags.Add("straight-knee-landing");
        if (Mean(MetricCodes.TrunkLean) > settings.TrunkLeanAbove) flags.Add("trunk-collapse");
        if (Mean(MetricCodes.HeadForward) > settings.HeadForwardAbove) flags.Add("head-forward");
        if (Mean(MetricCodes.PelvicDrop) > settings.PelvicDropAbove) flags.Add("pelvic-drop");
        if (Mean(MetricCodes.Kfppa) > settings.KneeValgusAbove) flags.Add("dynamic-knee-valgus");
        if (footStrike == "heel") flags.Add("heel-strike");

        // The same limits per leg, so that a flag names the leg (for frontal metrics, the stance leg).
        var legFlags = new List<string>();
        void PerLeg(string code, Func<double, bool> beyond, string flag)
        {
            var metric = metrics.FirstOrDefault(m => m.Code == code);
            if (metric?.Left is { } l && beyond(l)) legFlags.Add(flag + ":left");
            if (metric?.Right is { } r && beyond(r)) legFlags.Add(flag + ":right");
        }
        PerLeg(MetricCodes.TibiaAngle, v => v > 0, "overstride");
        PerLeg(MetricCodes.KneeFlexion, v => v < settings.MinKneeFlexionAtContact, "straight-knee-landing");
        PerLeg(MetricCodes.PelvicDrop, v => v > settings.PelvicDropAbove, "pelvic-drop");
        PerLeg(MetricCodes.Kfppa, v => v > settings.KneeValgusAbove, "dynamic-knee-valgus");
        return new GaitAnalysis(capture.View, metrics, flags, cadence, target, footStrike, leftSteps, rightSteps, notes.Count > 0, notes, legFlags);
    }

    /// <summary>
    /// The direction of travel the feet show (+1 right, -1 left, null when they do not say): a foot lifted off the
    /// ground swings forward relative to the hips, while a foot on the ground moves back. Used to check the declared
    /// view (clinical reference: d is the direction of travel).
    /// </summary>
    private static double? TravelDirection(Series s)
    {
        double forward = 0, total = 0;
        foreach (var ankle in new[] { Joint.LeftAnkle, Joint.RightAnkle })
        {
            var heights = Enumerable.Range(0, s.Frames).Select(i => s.At(ankle, i)?.Y).OfType<double>().ToList();
            if (heights.Count < 3)
                continue;
            // Image y grows downward: the ground is the largest y; a lifted foot is in the upper half of the range.
            var lifted = (heights.Max() + heights.Min()) / 2;
            for (var i = 0; i + 1 < s.Frames; i++)
            {
                if (s.At(ankle, i) is not { } a || s.At(ankle, i + 1) is not { } b
                    || s.Mid(Joint.LeftHip, Joint.RightHip, i) is not { } h || s.Mid(Joint.LeftHip, Joint.RightHip, i + 1) is not { } h2)
                    continue;
                var relative = (b.X - h2.X) - (a.X - h.X);
                total += Math.Abs(relative);
                if (a.Y < lifted)
                    forward += relative;
            }
        }
        // Only a clear answer counts: at least a fifth of all the feet's movement relative to the hips, one way.
        return total > 0 && Math.Abs(forward) >= 0.2 * total ? Math.Sign(forward) : null;
    }

    /// <summary>
    /// Initial contact in running (clinical reference): the heel is furthest ahead of the hip before touchdown, so the
    /// Zeni peak only opens the window. Contact is where the foot's lowest point meets the ground: the corner between
    /// its descent and the stance that follows, found as the break of a two-line fit (descending, then level) to the
    /// unfiltered heights from the Zeni peak to 120 ms after it.
    /// </summary>
    private static IReadOnlyList<int> RefineContacts(IReadOnlyList<int> zeni, Series s, Joint[] footPoints, double fps)
    {
        var heights = footPoints.Where(s.Raw.ContainsKey).Select(j => s.Raw[j].Y).ToList();
        if (heights.Count == 0)
            return zeni;
        // Image y grows downward: the foot's lowest point is its largest y.
        var low = Enumerable.Range(0, s.Frames).Select(i => heights.Select(h => h[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max()).ToArray();
        var window = Math.Max(3, (int)Math.Round(0.08 * fps));
        return zeni.Select(ic =>
        {
            var end = Math.Min(s.Frames - 1, ic + window);
            if (end - ic < 3 || Enumerable.Range(ic, end - ic + 1).Any(i => !double.IsFinite(low[i])))
                return ic;
            var best = ic;
            var bestError = double.MaxValue;
            for (var k = ic + 1; k < end; k++)
            {
                var error = LineFitError(low, ic, k) + LevelFitError(low, k, end);
                if (error < bestError)
                    (best, bestError) = (k, error);
            }
            return best;
        }).ToList();
    }

    /// <summary>Squared error of the least-squares line through values[from..to].</summary>
    private static double LineFitError(double[] values, int from, int to)
    {
        var n = to - from + 1;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = from; i <= to; i++)
            (sx, sy, sxx, sxy) = (sx + i, sy + values[i], sxx + (double)i * i, sxy + i * values[i]);
        var slope = (n * sxy - sx * sy) / Math.Max(1e-12, n * sxx - sx * sx);
        var intercept = (sy - slope * sx) / n;
        double error = 0;
        for (var i = from; i <= to; i++)
            error += Math.Pow(values[i] - (intercept + slope * i), 2);
        return error;
    }

    /// <summary>Squared error of values[from..to] around their mean: the level ground of stance.</summary>
    private static double LevelFitError(double[] values, int from, int to)
    {
        var mean = values[from..(to + 1)].Average();
        return values[from..(to + 1)].Sum(v => (v - mean) * (v - mean));
    }

    private static void RequireContacts(int left, int right, string what)
    {
        if (left < 2 || right < 2)
            throw new NotAnalysableException($"Found {left} left and {right} right {what}; at least 2 per side are needed to analyse a capture.");
    }

    private static double? Cadence(IReadOnlyList<int> contacts, double fps)
    {
        // Contacts of the two feet closer than 0.15 s are the same step seen twice.
        var steps = new List<int>();
        foreach (var c in contacts)
            if (steps.Count == 0 || (c - steps[^1]) / fps >= 0.15)
                steps.Add(c);
        return steps.Count < 2 ? null : 60.0 * (steps.Count - 1) / ((steps[^1] - steps[0]) / fps);
    }

    private static double LegLength(Series s)
    {
        var lengths = new List<double>();
        for (var i = 0; i < s.Frames; i++)
        {
            foreach (var (hip, knee, ankle) in new[] { (Joint.LeftHip, Joint.LeftKnee, Joint.LeftAnkle), (Joint.RightHip, Joint.RightKnee, Joint.RightAnkle) })
            {
                if (s.At(hip, i) is { } h && s.At(knee, i) is { } k && s.At(ankle, i) is { } a)
                    lengths.Add(Distance(h, k) + Distance(k, a));
            }
        }
        if (lengths.Count == 0)
            return 0;
        lengths.Sort();
        return lengths[lengths.Count / 2];
    }

    private static MetricResult Summary(string code, string unit, LegValues values, string? unavailable = null) =>
        Summary(code, unit, values.All.ToList(), unavailable) is { Mean: not null } pooled
            ? pooled with { Left = values.Left.Count > 0 ? values.Left.Average() : null, Right = values.Right.Count > 0 ? values.Right.Average() : null }
            : Summary(code, unit, values.All.ToList(), unavailable);

    private static MetricResult Summary(string code, string unit, List<double> values, string? unavailable = null)
    {
        if (unavailable is not null)
            return new MetricResult(code, unit, null, null, 0, unavailable);
        if (values.Count == 0)
            return new MetricResult(code, unit, null, null, 0, "keypoints-missing-at-events");
        var mean = values.Average();
        var sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MetricResult(code, unit, mean, sd, values.Count);
    }

    /// <summary>Angle at b between b->a and b->c: atan2(|u x v|, u . v), in degrees.</summary>
    public static double Angle((double X, double Y) a, (double X, double Y) b, (double X, double Y) c)
    {
        var (ux, uy) = (a.X - b.X, a.Y - b.Y);
        var (vx, vy) = (c.X - b.X, c.Y - b.Y);
        return Degrees(Math.Atan2(Math.Abs(ux * vy - uy * vx), ux * vx + uy * vy));
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
