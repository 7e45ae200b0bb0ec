using Microsoft.EntityFrameworkCore;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.ServiceDefaults.Data;

public static class QueryPaging
{
    /// <summary>Counts every match, then reads the requested page; the order must be total (end on a unique key) for pages not to overlap.</summary>
    public static async Task<(List<T> Items, int Total)> ReadPageAsync<T>(this IOrderedQueryable<T> query, PageRequest page, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var items = await query.Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return (items, total);
    }
}
