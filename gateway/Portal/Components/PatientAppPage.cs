using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RehabPlatform.Portal.Api;
using RehabPlatform.Portal.Auth;
using RehabPlatform.Portal.Components.Layout;

namespace RehabPlatform.Portal.Components;

/// <summary>
/// A page of the patients' app: signed in with an invitation, about the patient themselves only. Loads the patient's
/// program (what most pages show) and uses their clinic's time zone.
/// </summary>
[Authorize(Policy = PortalPolicies.Patient)]
[Layout(typeof(MyLayout))]
public abstract class PatientAppPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;
    [Inject] protected ClinicTime Time { get; set; } = null!;
    [Inject] protected ProgramsApi Programs { get; set; } = null!;
    [Inject] protected TimeProvider Clock { get; set; } = null!;

    protected Guid PatientId { get; private set; }

    /// <summary>The active program, or why there is none (not assigned yet, a service down).</summary>
    protected ApiResult<ProgramView>? Program { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        PatientId = (await Auth).User.PatientId() ?? throw new InvalidOperationException("A patient's sign-in without the patient's id.");
        Program = await Programs.ProgramAsync(PatientId);
        if (Program.Value is { } program)
            await Time.UseClinicAsync(program.ClinicId);
        await OnPatientInitializedAsync();
    }

    protected abstract Task OnPatientInitializedAsync();
}
