using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Apis;

public static class QuestionnairesApi
{
    public sealed record OptionView(string Code, string Label, int Points);

    public sealed record ItemView(string Code, string Label, IReadOnlyList<OptionView> Options);

    public sealed record QuestionnaireView(string Version, int MaxScore, int Mcid, IReadOnlyList<ItemView> Items);

    public static IEndpointRouteBuilder MapQuestionnairesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/intake/questionnaires/akps", () => TypedResults.Ok(new QuestionnaireView(
            Akps.Version, Akps.Items.Sum(i => i.MaxPoints), Akps.Mcid,
            Akps.Items.Select(i => new ItemView(i.Code, i.Label, i.Options.Select(o => new OptionView(o.Code, o.Label, o.Points)).ToList())).ToList())))
            .WithTags("Questionnaires");
        return app;
    }
}
