// AssistantKit live dashboard: dotnet run --project samples/AssistantKit.Samples.Dashboard → http://127.0.0.1:5080
var app = await AssistantKit.Samples.Dashboard.DashboardApp.BuildAsync(args);
await app.RunAsync();
