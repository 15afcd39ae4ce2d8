// AssistantKit live dashboard: dotnet run --project samples/AssistantKit.Samples.Dashboard → http://127.0.0.1:5080
// (elsewhere with --urls http://0.0.0.0:8080 or ASPNETCORE_URLS, as any ASP.NET Core app)
var app = await AssistantKit.Samples.Dashboard.DashboardApp.BuildAsync(args);
await app.RunAsync();
