using System.Security.Claims;

namespace KetCds.Server.Internal.Security;

/// <summary>Reads what a caller may do from its claims: OAuth scopes (<c>scope</c>/<c>scp</c>, space-separated) or roles.</summary>
internal static class CallerScopes
{
    private static readonly string[] ScopeClaims = ["scope", "scp"];
    private static readonly string[] RoleClaims = ["roles", "role", ClaimTypes.Role];

    /// <summary>Whether any of the caller's identities carries <paramref name="scope"/> as a scope or a role.</summary>
    public static bool Has(ClaimsPrincipal user, string scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var claim in user.Claims)
        {
            if (ScopeClaims.Contains(claim.Type, StringComparer.Ordinal))
            {
                if (claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal))
                {
                    return true;
                }
            }
            else if (RoleClaims.Contains(claim.Type, StringComparer.Ordinal) && string.Equals(claim.Value, scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
