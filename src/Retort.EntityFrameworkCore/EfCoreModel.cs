using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Retort.Dialects;
using Retort.Schema;
using Ef = Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Retort.EntityFrameworkCore;

/// <summary>
/// An EF Core model as Retort's target model: <c>context.TargetModel = EfCoreModel.From&lt;AppDbContext&gt;(options)</c>.
/// </summary>
/// <remarks>
/// The relational model is read through EF's own model differ, asked for the operations that take an empty database
/// to the model: the very list <c>Database.EnsureCreated()</c> and <c>dotnet ef migrations</c> start from. So table
/// order (foreign keys first), column order, constraint names and store types are EF's, and TPH/TPT/TPC, owned types,
/// table splitting and many-to-many join tables arrive already flattened into tables.
/// </remarks>
public static class EfCoreModel
{
    /// <summary>Creates the context from its options (it needs a constructor taking them) and reads its model.</summary>
    public static DatabaseSchema From<TContext>(DbContextOptions options, bool ignoreUnsupported = false) where TContext : DbContext
    {
        using var context = (TContext)(Activator.CreateInstance(typeof(TContext), options)
            ?? throw new RetortException($"Cannot create {typeof(TContext).Name} from its options."));
        return From(context, ignoreUnsupported);
    }

    /// <summary>
    /// Reads the context's relational model. What Retort's schema model cannot express yet (see
    /// <see cref="Read"/>) makes this throw, listing each item, unless <paramref name="ignoreUnsupported"/>.
    /// </summary>
    public static DatabaseSchema From(DbContext context, bool ignoreUnsupported = false)
    {
        var reading = Read(context);
        if (reading.Unsupported.Count > 0 && !ignoreUnsupported)
            throw new RetortException($"The EF Core model of {context.GetType().Name} uses what Retort's schema model cannot express yet: "
                                      + string.Join("; ", reading.Unsupported)
                                      + ". Pass ignoreUnsupported: true to compare without them (autogenerate will not create them).");
        return reading.Schema;
    }

    /// <summary>The schema and the list of model features left out of it.</summary>
    public static EfCoreModelReading Read(DbContext context)
    {
        var provider = ProviderOf(context);
        var relational = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = context.GetService<IMigrationsModelDiffer>().GetDifferences(null, relational);
        var mappings = context.GetService<IRelationalTypeMappingSource>();
        var builder = new SchemaBuilder(provider, relational, mappings, context.GetService<IMigrationsSqlGenerator>());
        foreach (var operation in operations) builder.Add(operation);
        return new EfCoreModelReading(builder.Build(), builder.Unsupported);
    }

    /// <summary>The Retort provider whose ADO.NET driver the EF Core provider uses (matched by connection type, so
    /// a provider registered from outside Retort is found too).</summary>
    internal static DatabaseProvider ProviderOf(DbContext context)
    {
        var connectionType = context.Database.GetDbConnection().GetType();
        return ProviderFor(connectionType)
               ?? throw new RetortException($"Retort has no provider for the EF Core provider {context.Database.ProviderName} (its connection is a {connectionType.Name}); register one with DatabaseProviders.Register.");
    }

    internal static DatabaseProvider? ProviderFor(Type connectionType) =>
        DatabaseProviders.All.FirstOrDefault(p =>
        {
            try
            {
                using var probe = p.CreateConnection("");
                return probe.GetType() == connectionType;
            }
            catch (ArgumentException) { return false; }
        });
}

/// <summary>What <see cref="EfCoreModel.Read"/> found: the schema, and each model feature it could not carry.</summary>
public sealed record EfCoreModelReading(DatabaseSchema Schema, IReadOnlyList<string> Unsupported);
