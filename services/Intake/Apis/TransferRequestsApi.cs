namespace RehabPlatform.Intake.Apis;

/// <summary>
/// Requests to move a patient between clinics, for the clinics they name: the sending clinic sees what it asked, the
/// receiving clinic's manager accepts or declines. Until a request is accepted the receiving clinic sees no patient data.
/// </summary>
public static class TransferRequestsApi
{
    public sealed record TransferRequestView(Guid Id, Guid PatientId, Guid FromClinicId, Guid ToClinicId, TransferStatus Status,
        DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

    public static RouteGroupBuilder MapTransferRequestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/transfer-requests").WithTags("Transfers").RequireAuthorization(Policies.ClinicalStaff);
        group.MapGet("/", ListAsync);
        group.MapPost("/{requestId:guid}/accept", (Guid requestId, PatientTransfers transfers, CancellationToken ct) => DecideAsync(requestId, accept: true, transfers, ct));
        group.MapPost("/{requestId:guid}/decline", (Guid requestId, PatientTransfers transfers, CancellationToken ct) => DecideAsync(requestId, accept: false, transfers, ct));
        return group;
    }

    private static async Task<Results<Ok<Page<TransferRequestView>>, ValidationProblem>> ListAsync(
        IntakeDbContext db, CallerContext caller, bool? pending, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryFrom(page, pageSize, out var request, out var pageErrors))
            return TypedResults.ValidationProblem(pageErrors);
        var query = db.TransferRequests.AsNoTracking();
        if (!caller.IsChainAdmin)
        {
            var clinics = caller.ClinicIds.ToList();
            query = query.Where(r => clinics.Contains(r.ToClinicId) || clinics.Contains(r.FromClinicId));
        }
        if (pending ?? true)
            query = query.Where(r => r.Status == TransferStatus.Pending);
        var (items, total) = await query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ReadPageAsync(request, ct);
        return TypedResults.Ok(request.Of(items.Select(View), total));
    }

    private static async Task<IResult> DecideAsync(Guid requestId, bool accept, PatientTransfers transfers, CancellationToken ct) =>
        await transfers.DecideAsync(requestId, accept, ct) switch
        {
            PatientTransfers.Decision.Done done => TypedResults.Ok(View(done.Request)),
            PatientTransfers.Decision.NotAllowed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the receiving clinic's manager decides",
                detail: "A clinic manager of the receiving clinic, or a chain admin, accepts or declines a transfer."),
            PatientTransfers.Decision.AlreadyDecided => Problems.Conflict("Already decided", "This transfer request was accepted or declined already."),
            PatientTransfers.Decision.Stale => Problems.Conflict("Patient moved since", "The patient is no longer at the clinic that asked; the request cannot be accepted."),
            _ => Problems.NotFound("Transfer request"),
        };

    public static TransferRequestView View(TransferRequest r) => new(r.Id, r.PatientId, r.FromClinicId, r.ToClinicId, r.Status, r.RequestedAt, r.DecidedAt);
}
