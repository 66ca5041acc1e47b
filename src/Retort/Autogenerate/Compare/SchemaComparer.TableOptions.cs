using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Autogenerate;

public sealed partial class SchemaComparer
{
    /// <summary>The table's comment, and the provider options the model states.</summary>
    private void CompareTableOptions(TableSchema model, TableSchema live, List<SchemaDiff> diffs)
    {
        var table = model.Name;
        if (HasComments && model.Comment != live.Comment)
            diffs.Add(new SchemaDiff($"modify table comment {table}",
                new TableCommentOperation(table, model.Comment) { Schema = model.Schema, ExistingComment = live.Comment }));

        // Only the options the model states for this provider are compared: a model silent about ENGINE accepts any.
        var prefix = provider.Name + ".";
        var wanted = model.ProviderOptions.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var current = wanted.Keys.Where(live.ProviderOptions.ContainsKey).ToDictionary(k => k, k => live.ProviderOptions[k]);
        if (wanted.Count > 0 && !wanted.SameAs(current))
            diffs.Add(new SchemaDiff($"modify table options {table}: {string.Join(", ", wanted.Where(kv => !current.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => kv.Key))}",
                // An option the live table lacks is carried as empty (not set), so that the Downgrade unsets it.
                new SetTableOptionsOperation(table, wanted) { Schema = model.Schema, Existing = wanted.Keys.ToDictionary(k => k, k => current.GetValueOrDefault(k, "")) }));
    }
}
