using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Caching;
using NewsApi.Cli;
using NewsApi.Data;
using NewsApi.Demo;
using NewsApi.Editorial;
using NewsApi.Http;
using NewsApi.Imports;
using NewsApi.OpenApi;
using NewsApi.Related;
using NewsApi.Search;
using NewsApi.Syndication;
using NewsApi.Taxonomy;
using NewsApi.Webhooks;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:8080");
// No Server header: what runs here is nobody's business.
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

builder.AddProblemHandling();
// An article body may be 1 MB; a request past Limits:MaxRequestBodyBytes (2 MB) is refused with 413 before it is read.
builder.AddRequestLimits(builder.WebHost);
builder.AddData();
builder.AddAccess();
builder.AddHttp();
builder.AddCorsFromConfiguration();
builder.AddCaching();
builder.AddArticles();
builder.AddSearch();
builder.AddRelated();
builder.AddDemo();
builder.AddEditorial();
builder.AddValidation();
builder.AddTaxonomy();
builder.AddSyndication();
builder.AddWebhooks();
builder.AddImports();
builder.AddOpenApiDocument();

var app = builder.Build();

if (Commands.IsCommand(args)) return await Commands.RunAsync(app.Services, args);
if (Commands.IsUnknownCommand(args)) return await Commands.RefuseUnknownAsync(args, Console.Error);

await app.Services.GetRequiredService<Migrator>().MigrateAsync();
await app.Services.GetRequiredService<SearchIndex>().EnsureCurrentAsync(CancellationToken.None);
// Before any write: a slug is compared with the confusable skeletons of those stored (Text/Confusables.cs).
await Commands.EnsureSlugSkeletonsAsync(app.Services);
if (app.Configuration.GetValue("NewsApi:DemoContent", true))
    await app.Services.GetRequiredService<DemoContent>().LoadIfEmptyAsync();
await app.Services.GetRequiredService<StoredLinkRewrite>().RunAsync(CancellationToken.None);
// This version may answer differently from the last one: every cached answer revalidates once.
await app.Services.GetRequiredService<ContentClockRepository>().ChangedAsync(taxonomy: true, CancellationToken.None);

// First, so every answer (errors, 304s, 429s) carries them.
app.UseMiddleware<SecurityHeadersMiddleware>();
// The client's address through a proxy on this host (rate limits are per address without a key).
app.UseForwardedHeaders();
// Before routing, so HEAD routes to the GET endpoints; and outside the problem handling, so a problem written
// for a HEAD (a parameter that does not parse, a 404) is counted and dropped like any other HEAD body.
app.UseMiddleware<HeadAsGetMiddleware>();
app.UseProblemHandling();
// Before routing: a query string no parameter can take is refused whatever the endpoint.
app.UseMiddleware<QueryTextMiddleware>();
app.UseRouting();
// Before authentication (a preflight carries no key) and before the answer cache, whose replays keep no CORS headers.
app.UseCors();
// Who is asking, before the rate limiter, which gives each valid key its own bucket.
app.UseAuthentication();
// Before the answer cache: answers from memory count against the limit too.
app.UseRateLimiter();
// After routing (it reads the endpoint's CachePolicy), before authorization (whose 401s and 403s it marks).
// Answers kept in memory are served from here.
app.UseMiddleware<ConditionalGetMiddleware>();
// Inside the conditional GET middleware, so a public answer is compressed once and kept compressed.
app.UseResponseCompression();
app.UseAuthorization();
app.UseOpenApiDocument();
app.MapHealth();

app.MapArticlesApi();
app.MapRelatedApi();
app.MapTaxonomyApi();
app.MapSearchApi();
app.MapFeedsApi();
app.MapPartnerApi();
app.MapEditorialApi();
app.MapWorkflowApi();
app.MapRevisionsApi();
app.MapPreviewApi();
app.MapTaxonomyAdminApi();
app.MapKeysApi();
app.MapWebhooksApi();
app.MapImportsApi();

await app.RunAsync();
return 0;
