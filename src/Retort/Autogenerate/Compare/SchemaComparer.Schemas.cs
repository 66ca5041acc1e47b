using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>
    /// Named schemas the model uses and the database lacks, created before anything else. A schema the model no
    /// longer uses is never dropped (Alembic does not either): other objects, or another application, may live there.
    /// </summary>
    private void CompareSchemas(DatabaseSchema model, DatabaseSchema database, List<SchemaDiff> diffs)
    {
        if (!provider.Capabilities.Schemas) return;
        var existing = database.UsedSchemas.Append(database.DefaultSchema).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var schema in model.UsedSchemas.Where(s => !existing.Contains(s)).Order(StringComparer.Ordinal))
            diffs.Add(new SchemaDiff($"add schema {schema}", new CreateSchemaOperation(schema)));
    }
}
