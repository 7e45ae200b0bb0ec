using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using RehabPlatform.Portal.Auth;

namespace RehabPlatform.Portal.Components;

/// <summary>A page for clinical staff, working at one clinic: a user with several clinics picks one first.</summary>
[Authorize(Policy = PortalPolicies.ClinicalStaff)]
public abstract class StaffPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;
    /// <summary>Times on the clinic's wall clock.</summary>
    [Inject] protected Api.ClinicTime Time { get; set; } = null!;

    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The clinic the user works at now; empty until <see cref="OnStaffInitializedAsync"/> runs.</summary>
    protected Guid WorkingClinic { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        User = (await Auth).User;
        if (User.WorkingClinic() is not { } clinic)
        {
            Navigation.NavigateTo("/clinic?returnUrl=" + Uri.EscapeDataString("/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?')[0]));
            return;
        }
        WorkingClinic = clinic;
        await Time.UseClinicAsync(clinic);
        await OnStaffInitializedAsync();
    }

    protected abstract Task OnStaffInitializedAsync();
}
