using Microsoft.EntityFrameworkCore;
using Retort.EfSample;
using Retort.Hosting;

// `dotnet run -- retort revision --autogenerate -m MSG` / `dotnet run -- retort check`: the app is its own
// design-time host, as with `dotnet ef`; see DesignTime.cs.
if (args is ["retort", .. var retortArgs]) return await DesignTime.RunAsync(retortArgs);

var builder = WebApplication.CreateBuilder(args);
var retortUrl = builder.Configuration["Retort:Url"] ?? "sqlite:///todo.db";
builder.Services.AddDbContext<TodoContext>(o => TodoContext.Configure(o, retortUrl, builder.Environment.ContentRootPath));
// The revisions compiled into this assembly, applied at start-up before the app serves, under Retort's lock.
builder.Services.AddRetortMigrations(builder.Configuration.GetSection("Retort"), typeof(Program).Assembly);
var app = builder.Build();

app.MapPost("/lists", async (NewList list, TodoContext db) =>
{
    var entity = new TodoList { Title = list.Title };
    db.Lists.Add(entity);
    await db.SaveChangesAsync();
    return Results.Created($"/lists/{entity.Id}", new { entity.Id, entity.Title });
});

app.MapPost("/lists/{id:int}/items", async (int id, NewItem item, TodoContext db) =>
{
    if (await db.Lists.FindAsync(id) is null) return Results.NotFound();
    var entity = new TodoItem { TodoListId = id, Text = item.Text, CreatedAt = DateTime.UtcNow };
    db.Items.Add(entity);
    await db.SaveChangesAsync();
    return Results.Created($"/lists/{id}/items/{entity.Id}", new { entity.Id, entity.Text, entity.Done });
});

app.MapGet("/lists", async (TodoContext db) =>
    await db.Lists.OrderBy(l => l.Id)
        .Select(l => new { l.Id, l.Title, Items = l.Items.OrderBy(i => i.Id).Select(i => new { i.Id, i.Text, i.Done }).ToList() })
        .ToListAsync());

await app.RunAsync();
return 0;

public sealed record NewList(string Title);

public sealed record NewItem(string Text);
