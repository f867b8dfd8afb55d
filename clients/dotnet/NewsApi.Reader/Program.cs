// dotnet run --project clients/dotnet/NewsApi.Reader -- [base URL, default http://localhost:8080] [article id, default 2]
using System.Globalization;
using System.Text;
using NewsApi.Client;

Console.OutputEncoding = Encoding.UTF8;
var baseUrl = new Uri(args.Length > 0 ? args[0] : "http://localhost:8080");
var id = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 2;
using var http = new HttpClient();
var api = NewsApiClients.Create(http, baseUrl, Environment.GetEnvironmentVariable("NEWSAPI_KEY"));
await SeedPage.PrintAsync(api, Console.Out, id);
