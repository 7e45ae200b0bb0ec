using System.Globalization;

namespace RehabPlatform.Portal.Components.Shared;

/// <summary>The running-form analysis's codes in the words a therapist reads.</summary>
public static class FormLabels
{
    public static string Metric(string code) => code switch
    {
        "cadence" => "Cadence",
        "overstride-distance" => "Heel ahead of the hips at contact",
        "tibia-angle-at-contact" => "Tibia angle at contact",
        "foot-strike-angle" => "Foot angle at contact",
        "knee-flexion-at-contact" => "Knee bend at contact",
        "trunk-lean-midstance" => "Trunk lean at midstance",
        "vertical-oscillation" => "Vertical bounce",
        "head-forward-angle" => "Head forward of the shoulders",
        "contralateral-pelvic-drop" => "Pelvic drop at midstance",
        "knee-frontal-plane-projection-angle" => "Knee falling inward (FPPA)",
        _ => Labels.Words(code),
    };

    public static string View(string view) => view switch
    {
        "side-facing-right" => "Side, running to the right",
        "side-facing-left" => "Side, running to the left",
        "back" => "From behind",
        "front" => "From the front",
        _ => Labels.Words(view),
    };

    public static string Format(string format) => format switch
    {
        "blaze-pose" => "BlazePose",
        "open-pose-body25" => "OpenPose BODY_25",
        "coco17" => "COCO-17",
        _ => format,
    };

    public static string Moment(string moment) => moment == "initial-contact" ? "Initial contact" : "Midstance";

    /// <summary>Why a metric has no value, in plain words.</summary>
    public static string Unavailable(string? reason) => reason switch
    {
        "format-has-no-heel-or-toe-keypoints" => "This keypoint format has no heel or toe points, so it cannot be measured.",
        "keypoints-missing-at-events" => "The points needed were not seen at the moments it is measured.",
        "no-ear-keypoints" => "The ears were not seen.",
        null => "Not measured.",
        _ => Labels.Words(reason) + ".",
    };

    /// <summary>A value with its unit: "4.2°", "172 steps/min", "0.12 leg lengths".</summary>
    public static string Value(double? value, string unit)
    {
        if (value is not { } v)
            return "–";
        var c = CultureInfo.InvariantCulture;
        return unit switch
        {
            "deg" => v.ToString("0.0", c) + "°",
            "steps/min" => v.ToString("0", c) + " steps/min",
            "leg-lengths" => v.ToString("0.00", c) + " leg lengths",
            "%-leg-length" => v.ToString("0.0", c) + " % of leg length",
            _ => v.ToString("0.##", c) + " " + unit,
        };
    }

    /// <summary>A change with its sign: "+3.1°", "−0.4°".</summary>
    public static string Change(double? change, string unit)
    {
        if (change is not { } c)
            return "–";
        var size = Value(Math.Abs(c), unit);
        // What rounds to nothing gets no sign ("0.0°", not "−0.0°").
        return size.Any(ch => ch is >= '1' and <= '9') ? (c >= 0 ? "+" : "−") + size : size;
    }

    /// <summary>Outside the range the analysis reads a metric against (its norm's limits), when it has one.</summary>
    public static bool IsOutside(double? value, Api.MetricNorm? norm) =>
        value is { } v && norm is not null && ((norm.Min is { } min && v < min) || (norm.Max is { } max && v > max));
}
