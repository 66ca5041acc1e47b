using Dapper;
using Retort.Configuration;
using Retort.Hosting;

// The Alembic tutorial's setting in .NET: a users table that gains phone_number through two Retort revisions
// (Migrations/), applied at start-up before the app serves.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRetortMigrations(builder.Configuration.GetSection("Retort"), typeof(Program).Assembly);
var app = builder.Build();

System.Data.Common.DbConnection Open()
{
    var url = DatabaseUrl.Parse(app.Configuration["Retort:Url"] ?? "sqlite:///sample.db", null, app.Environment.ContentRootPath);
    var connection = url.Dialect.CreateConnection(url.ConnectionString);
    connection.Open();
    return connection;
}

app.MapPost("/users", async (NewUser user) =>
{
    await using var c = Open();
    var id = await c.ExecuteScalarAsync<long>("INSERT INTO users (name, phone_number) VALUES (@Name, @PhoneNumber) RETURNING id", user);
    return Results.Created($"/users/{id}", new User(id, user.Name, user.PhoneNumber));
});

app.MapGet("/users", async () =>
{
    await using var c = Open();
    return await c.QueryAsync<User>("SELECT id AS Id, name AS Name, phone_number AS PhoneNumber FROM users ORDER BY id");
});

app.Run();

public sealed record NewUser(string Name, string? PhoneNumber);

public sealed record User(long Id, string Name, string? PhoneNumber);
