namespace RehabPlatform.Programs.Model;

/// <summary>
/// The chain-wide exercise library for runner's knee (Willy 2019 CPG; clinical reference phases), seeded by
/// migration, and the default chain template built from it.
/// </summary>
public static class ExerciseLibrary
{
    private static Exercise E(string code, string name, ExerciseCategory category, string instructions, int sets, int? reps, int? hold,
        string phases, string equipment, string contraindications, string tags) => new()
    {
        Code = code, Name = name, Category = category, Instructions = instructions, DefaultSets = sets, DefaultReps = reps,
        DefaultHoldSeconds = hold, Phases = [.. phases.Split(',').Select(int.Parse)], Equipment = equipment, Contraindications = contraindications,
        Tags = [.. tags.Split(',')],
    };

    // A new list of new objects per call: each context that adds them tracks its own.
    public static IReadOnlyList<Exercise> Seed =>
    [
        E("load-management-education", "Load management education", ExerciseCategory.Education, "Review the pain-monitoring model: exercise pain at most 5/10, settled within an hour, not worse next morning.", 1, null, 600, "1,2,3,4", "none", "none", "education,pain-monitoring"),
        E("quad-set-isometric", "Isometric quadriceps set", ExerciseCategory.Isometric, "Sit with the leg straight, tighten the thigh to press the knee down, hold, relax.", 3, null, 30, "1", "towel", "none", "isometric,quadriceps"),
        E("wall-sit-isometric", "Wall sit (pain-free depth)", ExerciseCategory.Isometric, "Back against a wall, slide to a pain-free knee bend (at most 45 degrees), hold.", 5, null, 45, "1,2", "wall", "stop if exercise pain exceeds 5/10", "isometric,quadriceps,analgesic"),
        E("spanish-squat-isometric", "Spanish squat hold", ExerciseCategory.Isometric, "Band behind the knees anchored in front, sit back keeping shins vertical, hold.", 5, null, 45, "1,2", "heavy band", "none", "isometric,quadriceps"),
        E("quad-stretch-standing", "Standing quadriceps stretch", ExerciseCategory.Stretch, "Hold the ankle behind you, knees together, tuck the pelvis, feel the front of the thigh.", 3, null, 30, "1,2,3,4", "none", "avoid if deep knee bend is painful; use a strap", "stretch,quadriceps,mobility"),
        E("quad-stretch-prone", "Prone quadriceps stretch", ExerciseCategory.Stretch, "Lie face down, loop a strap round the ankle and draw the heel towards the buttock.", 3, null, 30, "1,2,3,4", "strap", "none", "stretch,quadriceps,mobility"),
        E("kneeling-hip-flexor-quad-stretch", "Kneeling hip flexor and quadriceps stretch", ExerciseCategory.Stretch, "Half-kneel on a cushion, tuck the pelvis and shift forward; reach back for the foot to add the quadriceps.", 3, null, 30, "1,2,3,4", "cushion", "kneeling pressure on the kneecap: pad well or skip", "stretch,hip-flexor,quadriceps,mobility"),
        E("hamstring-stretch", "Hamstring stretch", ExerciseCategory.Stretch, "Heel on a low step, hinge at the hips with a straight back.", 3, null, 30, "1,2,3,4", "step", "none", "stretch,hamstrings,mobility"),
        E("calf-stretch-wall", "Calf stretch at the wall", ExerciseCategory.Stretch, "Back leg straight, heel down, lean into the wall; repeat with the knee bent.", 3, null, 30, "1,2,3,4", "wall", "none", "stretch,calf,mobility"),
        E("foam-roll-quadriceps", "Foam roller: quadriceps", ExerciseCategory.SelfMassage, "Roll the front and outside of the thigh from hip to just above the kneecap; never over the kneecap itself.", 1, null, 90, "1,2,3,4", "foam roller", "never roll the kneecap", "self-massage,quadriceps"),
        E("foam-roll-itb", "Foam roller: iliotibial band and lateral thigh", ExerciseCategory.SelfMassage, "Side-lying, roll the outside of the thigh from hip to above the knee, slowly.", 1, null, 90, "1,2,3,4", "foam roller", "never roll the kneecap; skip over bruising", "self-massage,iliotibial-band"),
        E("foam-roll-calf", "Foam roller: calf", ExerciseCategory.SelfMassage, "Roll the calf from ankle to below the knee, turning the leg to reach both sides.", 1, null, 90, "1,2,3,4", "foam roller", "calf swelling and warmth: stop and seek medical advice", "self-massage,calf"),
        E("side-lying-hip-abduction", "Side-lying hip abduction", ExerciseCategory.HipStrength, "Lie on your side, top leg slightly behind, lift with the toes level.", 3, 15, null, "1,2", "none", "none", "hip,abductors,strength"),
        E("clamshell-band", "Clamshell with band", ExerciseCategory.HipStrength, "Side-lying, knees bent, open the top knee against the band without rolling back.", 3, 15, null, "1,2", "light band", "none", "hip,external-rotators,strength"),
        E("standing-hip-abduction-band", "Standing hip abduction with band", ExerciseCategory.HipStrength, "Band round the ankles, stand tall and move the leg out to the side.", 3, 12, null, "2,3", "band", "none", "hip,abductors,strength"),
        E("monster-walk-band", "Monster walk", ExerciseCategory.HipStrength, "Band above the knees, half squat, step diagonally forward keeping knees out.", 3, 20, null, "2,3", "band", "none", "hip,abductors,external-rotators"),
        E("bridge-double-leg", "Bridge", ExerciseCategory.HipStrength, "Lie on your back, knees bent, lift the hips to a straight line from shoulders to knees.", 3, 15, null, "1,2", "none", "none", "hip,glutes,strength"),
        E("standing-marching", "Standing marching (hip flexor)", ExerciseCategory.HipStrength, "Stand tall and lift one knee to hip height, slow and controlled, alternating.", 3, 20, null, "1,2,3", "none", "none", "hip-flexor,strength,posture"),
        E("squat-partial-range", "Partial-range squat", ExerciseCategory.KneeStrength, "Feet hip-width, sit back to a pain-free depth (about 45-60 degrees), knees over toes.", 3, 12, null, "2,3", "chair", "exercise pain above 5/10", "squat,quadriceps,hip-flexor,strength"),
        E("split-squat-static-lunge", "Static lunge (split squat)", ExerciseCategory.KneeStrength, "Staggered stance, lower the back knee straight down to a pain-free depth.", 3, 10, null, "2,3", "none", "exercise pain above 5/10", "lunge,quadriceps,hip-flexor,strength"),
        E("reverse-lunge", "Reverse lunge", ExerciseCategory.KneeStrength, "Step back into a lunge, front shin near vertical, push back up.", 3, 10, null, "3", "none", "exercise pain above 5/10", "lunge,quadriceps,hip-flexor,strength"),
        E("step-up-forward", "Forward step-up", ExerciseCategory.KneeStrength, "Step up onto a 15-20 cm step, knee in line with the second toe, lower slowly.", 3, 12, null, "2,3", "step", "none", "step-up,quadriceps,strength"),
        E("lateral-step-down", "Lateral step-down", ExerciseCategory.KneeStrength, "Stand on a step, slowly lower the other heel to the floor, keep the pelvis level.", 3, 10, null, "3", "step", "exercise pain above 5/10", "step-down,quadriceps,control"),
        E("single-leg-squat-supported", "Single-leg squat (supported)", ExerciseCategory.KneeStrength, "Hand on a wall, squat on one leg to a pain-free depth, knee over the foot.", 3, 8, null, "3,4", "wall", "exercise pain above 5/10", "single-leg,quadriceps,control"),
        E("single-leg-deadlift", "Single-leg Romanian deadlift", ExerciseCategory.HipStrength, "Hinge on one leg, reach forward, keep the pelvis square.", 3, 10, null, "3,4", "light weight", "none", "single-leg,hip,hamstrings,control"),
        E("pogo-hops", "Pogo hops", ExerciseCategory.Plyometric, "Small quick two-footed hops on the balls of the feet, stiff ankles.", 3, 20, null, "3,4", "none", "pain above 2/10 during hopping", "hopping,plyometric"),
        E("single-leg-hops-in-place", "Single-leg hops in place", ExerciseCategory.Plyometric, "Hop on one leg with a soft, quiet landing, knee over foot.", 3, 10, null, "3,4", "none", "pain above 2/10 during hopping", "hopping,single-leg,plyometric"),
        E("a-skip-drill", "A-skips", ExerciseCategory.RunningDrill, "Skip with a high knee drive and an active foot strike under the hips, tall posture.", 3, 20, null, "3,4", "none", "none", "running-form,drill"),
        E("metronome-cadence-run", "Metronome cadence run", ExerciseCategory.RunningDrill, "Run easy with a metronome at the target cadence (steps/min); shorter steps, same speed.", 3, null, 180, "4", "metronome app", "running pain above 2/10", "running-form,cadence,drill"),
        E("short-stride-drill", "Short-stride drill", ExerciseCategory.RunningDrill, "Run with quick, short steps landing under the hips, not ahead of the body.", 4, 20, null, "3,4", "none", "running pain above 2/10", "running-form,overstride,drill"),
        E("tall-posture-run", "Tall posture running", ExerciseCategory.RunningDrill, "Run tall: head over shoulders over hips, slight lean from the ankles, no collapse at the waist.", 3, null, 60, "3,4", "none", "none", "running-form,posture,trunk,drill"),
        E("walk-run-progression", "Walk/run progression", ExerciseCategory.WalkRun, "Stage by stage from 2 min walk / 3 min run to 2 miles continuous; each stage twice with a rest day between; 10-20 % slower, no downhill.", 1, null, 1800, "4", "none", "daily pain above 2/10 or not settled next morning", "return-to-run,walk-run"),
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

