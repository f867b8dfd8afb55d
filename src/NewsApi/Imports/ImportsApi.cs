using System.Buffers;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NewsApi.Access;
using NewsApi.Http;

namespace NewsApi.Imports;

/// <summary>An import job, as GET /v1/admin/imports/{id} shows it.</summary>
public sealed record ImportStatus(
    long Id,
    [property: Description("running | succeeded | failed"), AllowedValues("running", "succeeded", "failed")] string Status,
    [property: Description("Only reported what it would do.")] bool DryRun,
    [property: Description("Items read so far (posts, pages, attachments, …).")] long Processed,
    long Created, long Updated, long Skipped,
    [property: Description("Why the import failed (a broken file names line and column), and the posts it refused.")] IReadOnlyList<string> Errors,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    [property: Description("Once finished: skip reasons, sections, tags, authors and images, time taken.")] ImportSummary? Summary);

public static class ImportsApi
{
    private static readonly HashSet<string> XmlTypes = new(StringComparer.OrdinalIgnoreCase) { "application/xml", "text/xml", "application/rss+xml" };

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/imports").WithTags("Admin: imports").RequireKey(Policies.Admin).CachePrivate().RequireRateLimiting(RateLimits.Admin);
        group.MapPost("/", StartImport).WithName("startImport")
            .WithSummary("Import a WordPress export (WXR): 202, then follow Location")
            .Accepts<string>("application/xml", "application/rss+xml", "text/xml");
        group.MapGet("/{id}", GetImport).WithName("getImport").WithSummary("Get an import's status and counts");
        routes.MapRedirectsApi();
        return routes;
    }

    public static async Task<Results<Accepted<ImportStatus>, ValidationProblem, UnsupportedMediaTypeProblem, PayloadTooLargeProblem>> StartImport(
        [Description("Report what would be imported without writing anything.")] bool? dryRun,
        HttpContext http, ClaimsPrincipal user, ImportRepository imports, ImportWorker worker, ImportSpool spool, IOptions<ImportOptions> options, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !XmlTypes.Contains(type.MediaType.Value ?? ""))
            return new UnsupportedMediaTypeProblem("Send the WordPress export as application/xml (or application/rss+xml): curl --data-binary @export.xml -H 'Content-Type: application/xml'.");
        var max = options.Value.MaxBytes;
        if (http.Request.ContentLength > max) return new PayloadTooLargeProblem(max);
        // The service-wide 2 MB limit is for JSON; an export may be this large.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;

        var path = spool.NewFile();
        long length;
        try
        {
            length = await SpoolAsync(http.Request.Body, path, max, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            length = -1;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        if (length <= 0) File.Delete(path);
        if (length < 0) return new PayloadTooLargeProblem(max);
        if (length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is empty: send the WordPress export (WXR) file."] });

        var row = await imports.StartAsync(dryRun ?? false, user.Identity?.Name ?? "unknown", ct);
        await worker.EnqueueAsync(new ImportJob(row.Id, path, row.DryRun), ct);
        return TypedResults.Accepted($"/v1/admin/imports/{row.Id}", ToStatus(row));
    }

    public static async Task<Results<Ok<ImportStatus>, NotFoundProblem>> GetImport([Description("Import id.")] long id, ImportRepository imports, CancellationToken ct) =>
        await imports.FindAsync(id, ct) is { } row ? TypedResults.Ok(ToStatus(row)) : new NotFoundProblem($"No import has id {id}.");

    /// <summary>Copies the body to <paramref name="path"/> as it arrives; -1 past <paramref name="max"/> bytes.</summary>
    private static async Task<long> SpoolAsync(Stream body, string path, long max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > max) return -1;
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ImportStatus ToStatus(ImportRow r) => new(r.Id, r.Status, r.DryRun, r.Processed, r.Created, r.Updated, r.Skipped,
        JsonSerializer.Deserialize<List<string>>(r.Errors) ?? [], r.StartedAt, r.FinishedAt,
        r.Summary is null ? null : JsonSerializer.Deserialize<ImportSummary>(r.Summary, ImportJson.Options));
}

/// <summary>413 for an export past <c>Imports:MaxBytes</c>.</summary>
public sealed class PayloadTooLargeProblem(long max)
    : ProblemResult(StatusCodes.Status413PayloadTooLarge, $"The export is larger than the {max} bytes this service accepts (Imports:MaxBytes); import it with the import-wxr command on the server."),
    IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status413PayloadTooLarge);
}
