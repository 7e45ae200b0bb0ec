namespace RehabPlatform.Programs.Model;

/// <summary>
/// The chain-wide exercise library for runner's knee (Willy 2019 CPG; clinical reference phases), seeded by
/// migration, and the default chain template built from it.
/// </summary>
public static class ExerciseLibrary
{
    private static Exercise E(string code, string name, ExerciseCategory category, BodyRegion region, string instructions, int sets, int? reps, int? hold,
        string phases, string equipment, string contraindications, string tags, string feel, string avoid) => new()
    {
        Code = code, Name = name, Category = category, BodyRegion = region, Instructions = instructions, WhatToFeel = feel, WhatToAvoid = avoid,
        DefaultSets = sets, DefaultReps = reps, DefaultHoldSeconds = hold, Phases = [.. phases.Split(',').Select(int.Parse)], Equipment = equipment,
        Contraindications = contraindications, Tags = [.. tags.Split(',')],
    };

    // A new list of new objects per call: each context that adds them tracks its own.
    public static IReadOnlyList<Exercise> Seed =>
    [
        E("load-management-education", "Load management education", ExerciseCategory.Education, BodyRegion.Knee, "Review the pain-monitoring model: exercise pain at most 5/10, settled within an hour, not worse next morning.", 1, null, 600, "1,2,3,4", "none", "none", "education,pain-monitoring",
            feel: "Confident about how much pain is acceptable and what to do when it is more.",
            avoid: "Resting completely or pushing through pain above 5/10."),
        E("quad-set-isometric", "Isometric quadriceps set", ExerciseCategory.Isometric, BodyRegion.Thigh, "Sit with the leg straight, tighten the thigh to press the knee down, hold, relax.", 3, null, 30, "1", "towel", "none", "isometric,quadriceps",
            feel: "The muscle above the kneecap firm and working; little or no knee pain.",
            avoid: "Holding your breath or lifting the heel off with the hip instead of the thigh."),
        E("wall-sit-isometric", "Wall sit (pain-free depth)", ExerciseCategory.Isometric, BodyRegion.Thigh, "Back against a wall, slide to a pain-free knee bend (at most 45 degrees), hold.", 5, null, 45, "1,2", "wall", "stop if exercise pain exceeds 5/10", "isometric,quadriceps,analgesic",
            feel: "The front of the thighs working hard; pain at most 5/10 and easing during the hold.",
            avoid: "Going deeper than pain-free, knees drifting inwards, or knees ahead of the toes."),
        E("spanish-squat-isometric", "Spanish squat hold", ExerciseCategory.Isometric, BodyRegion.Thigh, "Band behind the knees anchored in front, sit back keeping shins vertical, hold.", 5, null, 45, "1,2", "heavy band", "none", "isometric,quadriceps",
            feel: "A strong burn in the front of the thighs, with the kneecap quieter than in a normal squat.",
            avoid: "Letting the shins tip forward or the band slip to the calves."),
        E("quad-stretch-standing", "Standing quadriceps stretch", ExerciseCategory.Stretch, BodyRegion.Thigh, "Hold the ankle behind you, knees together, tuck the pelvis, feel the front of the thigh.", 3, null, 30, "1,2,3,4", "none", "avoid if deep knee bend is painful; use a strap", "stretch,quadriceps,mobility",
            feel: "A gentle stretch along the front of the thigh, not at the kneecap.",
            avoid: "Arching the lower back, letting the knee drift out to the side, or pulling into pain."),
        E("quad-stretch-prone", "Prone quadriceps stretch", ExerciseCategory.Stretch, BodyRegion.Thigh, "Lie face down, loop a strap round the ankle and draw the heel towards the buttock.", 3, null, 30, "1,2,3,4", "strap", "none", "stretch,quadriceps,mobility",
            feel: "A gentle stretch along the front of the thigh.",
            avoid: "Lifting the hip off the floor or forcing the heel down when the knee complains."),
        E("kneeling-hip-flexor-quad-stretch", "Kneeling hip flexor and quadriceps stretch", ExerciseCategory.Stretch, BodyRegion.Hip, "Half-kneel on a cushion, tuck the pelvis and shift forward; reach back for the foot to add the quadriceps.", 3, null, 30, "1,2,3,4", "cushion", "kneeling pressure on the kneecap: pad well or skip", "stretch,hip-flexor,quadriceps,mobility",
            feel: "A stretch at the front of the hip of the kneeling leg, and the thigh when you hold the foot.",
            avoid: "Leaning forward or arching the back instead of tucking the pelvis; pressure on the kneecap."),
        E("hamstring-stretch", "Hamstring stretch", ExerciseCategory.Stretch, BodyRegion.Thigh, "Heel on a low step, hinge at the hips with a straight back.", 3, null, 30, "1,2,3,4", "step", "none", "stretch,hamstrings,mobility",
            feel: "A stretch at the back of the thigh.",
            avoid: "Rounding the back or locking the knee hard."),
        E("calf-stretch-wall", "Calf stretch at the wall", ExerciseCategory.Stretch, BodyRegion.LowerLeg, "Back leg straight, heel down, lean into the wall; repeat with the knee bent.", 3, null, 30, "1,2,3,4", "wall", "none", "stretch,calf,mobility",
            feel: "A stretch in the calf, higher with the knee straight and lower with it bent.",
            avoid: "Letting the heel lift or the foot turn out."),
        E("foam-roll-quadriceps", "Foam roller: quadriceps", ExerciseCategory.SelfMassage, BodyRegion.Thigh, "Roll the front and outside of the thigh from hip to just above the kneecap; never over the kneecap itself.", 1, null, 90, "1,2,3,4", "foam roller", "never roll the kneecap", "self-massage,quadriceps",
            feel: "Firm pressure that eases tender spots in the thigh muscle.",
            avoid: "Rolling over the kneecap or the front of the knee; holding your breath on a painful spot."),
        E("foam-roll-itb", "Foam roller: iliotibial band and lateral thigh", ExerciseCategory.SelfMassage, BodyRegion.Thigh, "Side-lying, roll the outside of the thigh from hip to above the knee, slowly.", 1, null, 90, "1,2,3,4", "foam roller", "never roll the kneecap; skip over bruising", "self-massage,iliotibial-band",
            feel: "Firm pressure along the outside of the thigh; tender but easing.",
            avoid: "Rolling the side of the knee itself, or so hard that you tense up."),
        E("foam-roll-calf", "Foam roller: calf", ExerciseCategory.SelfMassage, BodyRegion.LowerLeg, "Roll the calf from ankle to below the knee, turning the leg to reach both sides.", 1, null, 90, "1,2,3,4", "foam roller", "calf swelling and warmth: stop and seek medical advice", "self-massage,calf",
            feel: "Firm pressure that eases tight spots in the calf.",
            avoid: "Rolling the back of the knee or the shin bone."),
        E("side-lying-hip-abduction", "Side-lying hip abduction", ExerciseCategory.HipStrength, BodyRegion.Hip, "Lie on your side, top leg slightly behind, lift with the toes level.", 3, 15, null, "1,2", "none", "none", "hip,abductors,strength",
            feel: "The side of the buttock working, not the front of the hip.",
            avoid: "Rolling backwards, leading with the toes up, or swinging the leg."),
        E("clamshell-band", "Clamshell with band", ExerciseCategory.HipStrength, BodyRegion.Hip, "Side-lying, knees bent, open the top knee against the band without rolling back.", 3, 15, null, "1,2", "light band", "none", "hip,external-rotators,strength",
            feel: "The back and side of the buttock working.",
            avoid: "Rolling the pelvis back as the knee opens."),
        E("standing-hip-abduction-band", "Standing hip abduction with band", ExerciseCategory.HipStrength, BodyRegion.Hip, "Band round the ankles, stand tall and move the leg out to the side.", 3, 12, null, "2,3", "band", "none", "hip,abductors,strength",
            feel: "The side of the hip working on both legs: the moving and the standing one.",
            avoid: "Leaning the trunk to the side to lift the leg."),
        E("monster-walk-band", "Monster walk", ExerciseCategory.HipStrength, BodyRegion.Hip, "Band above the knees, half squat, step diagonally forward keeping knees out.", 3, 20, null, "2,3", "band", "none", "hip,abductors,external-rotators",
            feel: "The sides of both buttocks working throughout.",
            avoid: "Knees falling inwards or standing up out of the half squat."),
        E("bridge-double-leg", "Bridge", ExerciseCategory.HipStrength, BodyRegion.Hip, "Lie on your back, knees bent, lift the hips to a straight line from shoulders to knees.", 3, 15, null, "1,2", "none", "none", "hip,glutes,strength",
            feel: "The buttocks lifting you, with the hamstrings helping.",
            avoid: "Arching the lower back or pushing through the toes."),
        E("standing-marching", "Standing marching (hip flexor)", ExerciseCategory.HipStrength, BodyRegion.Hip, "Stand tall and lift one knee to hip height, slow and controlled, alternating.", 3, 20, null, "1,2,3", "none", "none", "hip-flexor,strength,posture",
            feel: "The front of the hip lifting the knee, with the trunk steady.",
            avoid: "Leaning back or swinging the leg up."),
        E("squat-partial-range", "Partial-range squat", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Feet hip-width, sit back to a pain-free depth (about 45-60 degrees), knees over toes.", 3, 12, null, "2,3", "chair", "exercise pain above 5/10", "squat,quadriceps,hip-flexor,strength",
            feel: "The thighs and buttocks working; knee pain at most 5/10 and settling.",
            avoid: "Knees falling inwards, heels lifting, or going deeper than pain-free."),
        E("split-squat-static-lunge", "Static lunge (split squat)", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Staggered stance, lower the back knee straight down to a pain-free depth.", 3, 10, null, "2,3", "none", "exercise pain above 5/10", "lunge,quadriceps,hip-flexor,strength",
            feel: "The front thigh and buttock working, and a stretch at the front of the back hip.",
            avoid: "The front knee falling inwards or the trunk collapsing forward."),
        E("reverse-lunge", "Reverse lunge", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Step back into a lunge, front shin near vertical, push back up.", 3, 10, null, "3", "none", "exercise pain above 5/10", "lunge,quadriceps,hip-flexor,strength",
            feel: "The front thigh and buttock working as you push back up.",
            avoid: "Landing heavily or the front knee falling inwards."),
        E("step-up-forward", "Forward step-up", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Step up onto a 15-20 cm step, knee in line with the second toe, lower slowly.", 3, 12, null, "2,3", "step", "none", "step-up,quadriceps,strength",
            feel: "The thigh and buttock of the leg on the step doing the work.",
            avoid: "Pushing off the bottom foot or the knee falling inwards."),
        E("lateral-step-down", "Lateral step-down", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Stand on a step, slowly lower the other heel to the floor, keep the pelvis level.", 3, 10, null, "3", "step", "exercise pain above 5/10", "step-down,quadriceps,control",
            feel: "The thigh and the side of the hip of the standing leg controlling the descent.",
            avoid: "The pelvis dropping, the knee falling inwards, or dropping fast."),
        E("single-leg-squat-supported", "Single-leg squat (supported)", ExerciseCategory.KneeStrength, BodyRegion.Knee, "Hand on a wall, squat on one leg to a pain-free depth, knee over the foot.", 3, 8, null, "3,4", "wall", "exercise pain above 5/10", "single-leg,quadriceps,control",
            feel: "The thigh and buttock working with the knee steady over the foot.",
            avoid: "The knee falling inwards or the pelvis dropping on the other side."),
        E("single-leg-deadlift", "Single-leg Romanian deadlift", ExerciseCategory.HipStrength, BodyRegion.Hip, "Hinge on one leg, reach forward, keep the pelvis square.", 3, 10, null, "3,4", "light weight", "none", "single-leg,hip,hamstrings,control",
            feel: "The buttock and the back of the thigh of the standing leg.",
            avoid: "Rounding the back or letting the hip of the lifted leg open up."),
        E("pogo-hops", "Pogo hops", ExerciseCategory.Plyometric, BodyRegion.LowerLeg, "Small quick two-footed hops on the balls of the feet, stiff ankles.", 3, 20, null, "3,4", "none", "pain above 2/10 during hopping", "hopping,plyometric",
            feel: "Springy calves and a light, quick rhythm; knee pain at most 2/10.",
            avoid: "Landing flat-footed or on straight, stiff knees."),
        E("single-leg-hops-in-place", "Single-leg hops in place", ExerciseCategory.Plyometric, BodyRegion.Knee, "Hop on one leg with a soft, quiet landing, knee over foot.", 3, 10, null, "3,4", "none", "pain above 2/10 during hopping", "hopping,single-leg,plyometric",
            feel: "A soft, quiet landing with the thigh and buttock absorbing it.",
            avoid: "The knee falling inwards on landing or continuing when pain rises above 2/10."),
        E("a-skip-drill", "A-skips", ExerciseCategory.RunningDrill, BodyRegion.WholeBody, "Skip with a high knee drive and an active foot strike under the hips, tall posture.", 3, 20, null, "3,4", "none", "none", "running-form,drill",
            feel: "Tall, quick and rhythmic, the foot landing under the hips.",
            avoid: "Leaning back or reaching the foot out in front."),
        E("metronome-cadence-run", "Metronome cadence run", ExerciseCategory.RunningDrill, BodyRegion.WholeBody, "Run easy with a metronome at the target cadence (steps/min); shorter steps, same speed.", 3, null, 180, "4", "metronome app", "running pain above 2/10", "running-form,cadence,drill",
            feel: "Quicker, lighter steps at the same speed; easier on the knee.",
            avoid: "Speeding up instead of shortening the step."),
        E("short-stride-drill", "Short-stride drill", ExerciseCategory.RunningDrill, BodyRegion.WholeBody, "Run with quick, short steps landing under the hips, not ahead of the body.", 4, 20, null, "3,4", "none", "running pain above 2/10", "running-form,overstride,drill",
            feel: "Each foot landing under the body, not out in front.",
            avoid: "Over-striding with the heel far ahead of the knee."),
        E("tall-posture-run", "Tall posture running", ExerciseCategory.RunningDrill, BodyRegion.Trunk, "Run tall: head over shoulders over hips, slight lean from the ankles, no collapse at the waist.", 3, null, 60, "3,4", "none", "none", "running-form,posture,trunk,drill",
            feel: "Tall through the crown of the head, relaxed shoulders, the lean coming from the ankles.",
            avoid: "Bending at the waist, looking down, or the trunk collapsing as you tire."),
        E("walk-run-progression", "Walk/run progression", ExerciseCategory.WalkRun, BodyRegion.WholeBody, "Stage by stage from 2 min walk / 3 min run to 2 miles continuous; each stage twice with a rest day between; 10-20 % slower, no downhill.", 1, null, 1800, "4", "none", "daily pain above 2/10 or not settled next morning", "return-to-run,walk-run",
            feel: "Able to finish each stage with pain at most 2/10 and nothing worse the next morning.",
            avoid: "Skipping stages, running downhill, or running on consecutive days."),
    ];

    public static readonly Guid DefaultTemplateId = Guid.Parse("8a7f0c2e-1b3d-4e5f-9a6b-00000000d001");

    private static TemplateExercise T(string code, int sets, int? reps = null, int? hold = null) => new(code, sets, reps, hold);

    public static readonly IReadOnlyList<TemplatePhase> DefaultPhases =
    [
        new(1, [T("load-management-education", 1, hold: 600), T("quad-set-isometric", 3, hold: 30), T("wall-sit-isometric", 5, hold: 45), T("side-lying-hip-abduction", 3, 15), T("clamshell-band", 3, 15), T("quad-stretch-standing", 3, hold: 30), T("kneeling-hip-flexor-quad-stretch", 3, hold: 30), T("foam-roll-quadriceps", 1, hold: 90), T("foam-roll-itb", 1, hold: 90), T("foam-roll-calf", 1, hold: 90)]),
        new(2, [T("spanish-squat-isometric", 5, hold: 45), T("squat-partial-range", 3, 12), T("split-squat-static-lunge", 3, 10), T("step-up-forward", 3, 12), T("standing-hip-abduction-band", 3, 12), T("bridge-double-leg", 3, 15), T("standing-marching", 3, 20), T("quad-stretch-prone", 3, hold: 30), T("foam-roll-quadriceps", 1, hold: 90)]),
        new(3, [T("reverse-lunge", 3, 10), T("lateral-step-down", 3, 10), T("single-leg-squat-supported", 3, 8), T("single-leg-deadlift", 3, 10), T("monster-walk-band", 3, 20), T("pogo-hops", 3, 20), T("a-skip-drill", 3, 20), T("quad-stretch-standing", 3, hold: 30)]),
        new(4, [T("walk-run-progression", 1, hold: 1800), T("single-leg-hops-in-place", 3, 10), T("single-leg-squat-supported", 3, 8), T("a-skip-drill", 3, 20), T("calf-stretch-wall", 3, hold: 30), T("foam-roll-calf", 1, hold: 90)]),
    ];

    public static ProgramTemplateVersion DefaultTemplate => new()
    {
        TemplateId = DefaultTemplateId,
        Version = 1,
        Name = "Runner's knee: standard four-phase program",
        Description = "Combined hip and knee exercise therapy with pain monitoring (Willy 2019 CPG), 6 weeks, 3 sessions a week.",
        AuthorUserId = "system",
        AuthorClinicId = Guid.Empty,
        Visibility = TemplateVisibility.Chain,
        Status = TemplateStatus.Published,
        Tags = ["runners-knee", "runner", "default"],
        SessionsPerWeek = 3,
        Phases = DefaultPhases,
        Settings = new ProgressionSettings(),
        CreatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        PublishedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
    };
}

public static class ProgramJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

