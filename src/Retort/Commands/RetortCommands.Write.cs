using System.Diagnostics;
using Retort.Graph;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Commands;

/// <summary>Options of <c>retort revision</c>.</summary>
public sealed record RevisionOptions(string Message)
{
    public string? RevId { get; init; }
    public string Head { get; init; } = "head";
    public bool Splice { get; init; }
    public IReadOnlyList<string> BranchLabels { get; init; } = [];
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public string? VersionPath { get; init; }
    /// <summary>
    /// <c>--sql</c>: with <c>revision_environment = true</c>, env.cs runs offline (<c>context.IsOffline</c>), as
    /// Alembic runs env.py for <c>revision --sql</c>; without it refused, as Alembic refuses it.
    /// </summary>
    public bool Sql { get; init; }
}

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort revision -m MSG</c>: writes a new revision file; returns its path. With <c>revision_environment = true</c>
    /// env.cs runs first: its template arguments reach the template and its ProcessRevisionDirectives sees the revision
    /// (null: it dropped it, and no file is written).
    /// </summary>
    public string? Revision(RevisionOptions options)
    {
        if (options.Sql && !Config.RevisionEnvironment)
            throw new RetortException("Using --sql with the revision command when revision_environment is not configured does not make any sense: set revision_environment = true in retort.toml to run env.cs offline.");
        if (!Config.RevisionEnvironment) return Revision(options, upgrades: null, downgrades: null);
        PrepareSource(offline: options.Sql, revisionsNeeded: false);
        return Revision(options, new RevisionScript("", options.Message, autogenerate: false), new Dictionary<Ops.MigrationOperation, string?>(), "");
    }

    /// <summary>A new revision with the given bodies (null: the template's own), env.cs not involved.</summary>
    internal string Revision(RevisionOptions options, string? upgrades, string? downgrades) =>
        NewRevisionFile(options, (_, r) => r with { Upgrades = upgrades, Downgrades = downgrades })!;

    /// <summary>A new revision from operations, after env.cs's ProcessRevisionDirectives saw them (its id is set
    /// here); null when the hook dropped it and no file was written.</summary>
    internal string? Revision(RevisionOptions options, RevisionScript script, IReadOnlyDictionary<Ops.MigrationOperation, string?> notes, string unsupported) =>
        NewRevisionFile(options, (map, revision) =>
        {
            script.RevisionId = revision.Id;
            if (Autogenerate.RevisionDirectives.Process(_context?.ProcessRevisionDirectives, revision.DownRevisions, script, notes, unsupported) is not { } result)
            {
                Log.Info("No revision written: env.cs's ProcessRevisionDirectives removed it.");
                return null;
            }
            return revision with
            {
                Id = result.RevisionId == revision.Id ? revision.Id : CheckNewId(map, result.RevisionId),
                Message = result.Message,
                Upgrades = result.Upgrades,
                Downgrades = result.Downgrades,
                TemplateArgs = _context?.TemplateArgs.ToDictionary() ?? [],
            };
        });

    private string? NewRevisionFile(RevisionOptions options, Func<RevisionMap, NewRevision, NewRevision?> shape)
    {
        var map = Map;
        var id = CheckNewId(map, options.RevId);
        var parents = ParentsFor(map, options.Head, options.Splice);
        foreach (var label in options.BranchLabels) CheckNewLabel(map, label);
        var depends = options.DependsOn.SelectMany(d => Resolve(map, d)).Select(r => r.Id).Distinct().ToList();
        var directory = DirectoryFor(map, options.VersionPath, parents);
        var revision = shape(map, new NewRevision(id, options.Message) { DownRevisions = parents, BranchLabels = options.BranchLabels, DependsOn = depends });
        return revision is null ? null : Generate(revision, directory);
    }

    /// <summary><c>retort merge -m MSG REV REV...</c>: a revision whose parents are the given revisions.</summary>
    public string Merge(IReadOnlyList<string> targets, string? message = null, string? branchLabel = null, string? revId = null)
    {
        var map = Map;
        var parents = targets.SelectMany(t => Resolve(map, t)).Select(r => r.Id).Distinct().ToList();
        if (parents.Count < 2)
            throw new RetortException($"merge needs at least two distinct revisions; '{string.Join(" ", targets)}' names {parents.Count}.");
        var id = CheckNewId(map, revId);
        if (branchLabel is not null) CheckNewLabel(map, branchLabel);
        var revision = new NewRevision(id, message ?? "merge " + string.Join(", ", parents))
        {
            DownRevisions = parents,
            BranchLabels = branchLabel is null ? [] : [branchLabel],
        };
        return Generate(revision, DirectoryFor(map, null, parents));
    }

    /// <summary><c>retort edit REV</c>: opens the revision file in $VISUAL or $EDITOR.</summary>
    public async Task EditAsync(string target, CancellationToken ct = default)
    {
        var revisions = Resolve(Map, target);
        if (revisions.Count != 1) throw new RetortException($"'{target}' names {revisions.Count} revisions; edit takes one.");
        var path = revisions[0].Path ?? throw new RetortException($"Revision {revisions[0].Id} has no file.");
        var editor = Environment.GetEnvironmentVariable("VISUAL") ?? Environment.GetEnvironmentVariable("EDITOR")
                     ?? throw new RetortException("Set $EDITOR (or $VISUAL) to the editor to open revision files with.");
        var parts = editor.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { UseShellExecute = false };
        if (parts.Length > 1) foreach (var a in parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(a);
        start.ArgumentList.Add(Path.GetFullPath(path));
        using var process = Process.Start(start) ?? throw new RetortException($"Cannot start editor '{editor}'.");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new RetortException($"Editor '{editor}' exited with code {process.ExitCode}.");
    }

    private string Generate(NewRevision revision, string directory)
    {
        var path = RevisionWriter.Write(Scripts, revision, directory, Databases());
        Output.WriteLine($"  Generating {Path.GetFullPath(path)} ...  done");
        _scripts = null; // the graph changed
        Hooks.PostWriteHookRunner.Run(Config.PostWriteHooks, Path.GetFullPath(path), Config.BaseDirectory, Output);
        return path;
    }

    private IEnumerable<string> Databases() => Config.PerDatabase().Select(c => c.DatabaseName);

    private static IReadOnlyList<Revision> Resolve(RevisionMap map, string target)
    {
        var revisions = map.Resolve(target);
        if (revisions.Count == 0) throw new RetortException($"'{target}' names no revision.");
        return revisions;
    }

    private static string CheckNewId(RevisionMap map, string? requested)
    {
        if (requested is null) return RevisionWriter.NewId();
        // The id names a file (no path), a C# class (ASCII letters, digits, '_') and a version_num VARCHAR(32) row,
        // and must not read as a target keyword (a database at "heads" could never be downgraded).
        if (requested.Length is 0 or > 32 || !requested.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || requested is "head" or "heads" or "base")
            throw new RetortException($"Revision id '{CommentText.Join(requested, " ")}' is not allowed: use 1 to 32 ASCII letters, digits or '_', other than head, heads and base.");
        if (map.Find(requested) is { } existing)
            throw new RetortException($"Revision id {requested} is already used by {existing.Path ?? existing.Id}.");
        return requested;
    }

    private static void CheckNewLabel(RevisionMap map, string label)
    {
        if (label.Length == 0 || label.IndexOfAny(['@', ':', ' ']) >= 0)
            throw new RetortException($"Branch label '{label}' is not allowed: it must be non-empty, without @ : or spaces.");
        var owner = map.All.FirstOrDefault(r => r.BranchLabels.Contains(label, StringComparer.Ordinal) || r.Id == label);
        if (owner is not null) throw new RetortException($"Branch name '{label}' is already used by revision {owner.Id} ({owner.Path}).");
    }

    /// <summary>The new revision's parents: the resolved head, which must be a head unless splicing.</summary>
    private static IReadOnlyList<string> ParentsFor(RevisionMap map, string head, bool splice)
    {
        if (head == "base") return [];
        if (head == "head" && map.Heads.Count > 1)
            throw new RetortException(
                $"Multiple heads are present ({string.Join(", ", map.Heads.Select(h => h.Id))}); pass --head <rev> or '<branch>@head' to choose where the new revision goes, or merge them first with 'retort merge heads'.");
        if (head == "head" && map.Heads.Count == 0) return [];
        var resolved = Resolve(map, head);
        if (resolved.Count != 1) throw new RetortException($"--head '{head}' names {resolved.Count} revisions; name one.");
        var rev = resolved[0];
        if (!splice && !map.IsHead(rev.Id))
            throw new RetortException($"Revision {rev.Id} is not a head revision; please specify --splice to create a new branch from this revision.");
        return [rev.Id];
    }

    private string DirectoryFor(RevisionMap map, string? versionPath, IReadOnlyList<string> parents)
    {
        var locations = Config.ResolvedVersionLocations;
        if (versionPath is not null)
        {
            var full = Path.GetFullPath(versionPath);
            if (!locations.Contains(full, StringComparer.Ordinal))
                throw new RetortException($"Path {full} is not one of the version locations ({string.Join(", ", locations)}); add it to version_locations in retort.toml.");
            return full;
        }
        if (parents.Count > 0 && map.Find(parents[0])?.Path is { } parentPath)
            return Path.GetDirectoryName(Path.GetFullPath(parentPath))!;
        if (locations.Count > 1)
            throw new RetortException("Several version locations are configured: choose one with --version-path.");
        return locations[0];
    }
}
