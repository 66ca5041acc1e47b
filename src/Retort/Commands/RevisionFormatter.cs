using System.Text;
using Retort.Graph;

namespace Retort.Commands;

/// <summary>Revision lines as Alembic prints them in current, heads, history, branches and show.</summary>
internal sealed class RevisionFormatter(RevisionMap map, IReadOnlySet<string>? current = null)
{
    public string Short(Revision rev, bool parents, bool branches, bool doc, bool treeIndicators = true)
    {
        var sb = new StringBuilder();
        if (parents)
        {
            sb.Append(Down(rev));
            if (rev.DependsOn.Count > 0) sb.Append(" (").Append(string.Join(", ", rev.DependsOn)).Append(')');
            sb.Append(" -> ");
        }
        sb.Append(rev.Id);
        var labels = map.LabelsOf(rev.Id);
        if (branches && labels.Count > 0) sb.Append(" (").Append(string.Join(", ", labels.Order(StringComparer.Ordinal))).Append(')');
        if (map.IsRealHead(rev.Id)) sb.Append(" (head)");
        else if (map.IsHead(rev.Id)) sb.Append(" (effective head)");
        if (current?.Contains(rev.Id) == true) sb.Append(" (current)");
        if (treeIndicators)
        {
            if (map.IsBranchPoint(rev.Id)) sb.Append(" (branchpoint)");
            if (rev.IsMergePoint) sb.Append(" (mergepoint)");
        }
        if (doc) sb.Append(", ").Append(rev.Message);
        return sb.ToString();
    }

    public string Full(Revision rev)
    {
        var sb = new StringBuilder();
        sb.Append("Rev: ").Append(Short(rev, parents: false, branches: false, doc: false)).Append('\n');
        if (rev.IsMergePoint) sb.Append("Merges: ").Append(string.Join(", ", rev.DownRevisions)).Append('\n');
        else sb.Append("Parent: ").Append(Down(rev)).Append('\n');
        if (rev.DependsOn.Count > 0) sb.Append("Also depends on: ").Append(string.Join(", ", rev.DependsOn)).Append('\n');
        if (map.IsBranchPoint(rev.Id))
            sb.Append("Branches into: ").Append(string.Join(", ", map.Children(rev.Id).Select(c => c.Id))).Append('\n');
        if (map.LabelsOf(rev.Id).Count > 0) sb.Append("Branch names: ").Append(string.Join(", ", map.LabelsOf(rev.Id).Order(StringComparer.Ordinal))).Append('\n');
        if (rev.Path is not null) sb.Append("Path: ").Append(rev.Path).Append('\n');
        sb.Append('\n');
        sb.Append("    ").Append(rev.Message).Append("\n\n");
        sb.Append("    Revision ID: ").Append(rev.Id).Append('\n');
        sb.Append("    Revises: ").Append(rev.IsBase ? "" : string.Join(", ", rev.DownRevisions)).Append('\n');
        if (rev.CreateDate is not null) sb.Append("    Create Date: ").Append(rev.CreateDate).Append('\n');
        return sb.ToString();
    }

    private static string Down(Revision rev) => rev.IsBase ? "<base>" : string.Join(", ", rev.DownRevisions);
}
