using Events = RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Intake.UseCases;

/// <summary>Intake's domain values as its events carry them; the contracts change only additively, the domain freely.</summary>
internal static class ContractMapping
{
    public static Events.Side ToContract(this Side side) => side switch
    {
        Side.Left => Events.Side.Left,
        Side.Right => Events.Side.Right,
        _ => Events.Side.Both,
    };

    public static Events.ConsentScope ToContract(this ConsentScope scope) => scope switch
    {
        ConsentScope.Treatment => Events.ConsentScope.Treatment,
        ConsentScope.FormAnalysis => Events.ConsentScope.FormAnalysis,
        _ => Events.ConsentScope.Research,
    };
}
