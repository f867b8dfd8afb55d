using NewsApi;
using NewsApi.Articles;
using NewsApi.Cli;
using NewsApi.Data;
using NewsApi.Demo;
using NewsApi.Http;
using NewsApi.Related;
using NewsApi.Taxonomy;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:8080");

builder.AddProblemHandling();
builder.AddData();
builder.AddContent();
builder.AddOpenApiDocument();

var app = builder.Build();

if (Commands.IsCommand(args)) return await Commands.RunAsync(app.Services, args);

await app.Services.GetRequiredService<Migrator>().MigrateAsync();
if (app.Configuration.GetValue("NewsApi:DemoContent", true))
    await app.Services.GetRequiredService<DemoContent>().LoadIfEmptyAsync();

app.UseProblemHandling();
app.UseMiddleware<ConditionalGetMiddleware>();
app.UseOpenApiDocument();
app.MapHealth();
app.MapArticlesApi();
app.MapRelatedApi();
app.MapTaxonomyApi();

await app.RunAsync();
return 0;
