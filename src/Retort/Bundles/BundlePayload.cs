using System.Text;
using Retort.Graph;

namespace Retort.Bundles;

/// <summary>
/// What a migration bundle carries besides the host program: the project's retort.toml, its revisions in load order
/// (header fields and file checksums, so that history, verify and the version table's history rows are the tool's)
/// and the compiled assemblies (the env assembly first, then the revision buckets), exactly as the tool's compile
/// cache holds them.
/// </summary>
public sealed record BundlePayload(string ConfigText, IReadOnlyList<Revision> Revisions, IReadOnlyList<BundledAssembly> Assemblies)
{
    // Bumped whenever the layout below changes: an older bundle host then says so instead of misreading.
    private const int FormatVersion = 1;

    public void WriteTo(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(ConfigText);
        writer.Write(Revisions.Count);
        foreach (var r in Revisions)
        {
            writer.Write(r.Id);
            WriteList(writer, r.DownRevisions);
            WriteList(writer, r.BranchLabels);
            WriteList(writer, r.DependsOn);
            writer.Write(r.Message);
            WriteOptional(writer, r.Path);
            WriteOptional(writer, r.CreateDate);
            WriteOptional(writer, r.Checksum);
            WriteList(writer, r.Replaces);
        }
        writer.Write(Assemblies.Count);
        foreach (var a in Assemblies)
        {
            writer.Write(a.Name);
            writer.Write(a.Image.Length);
            writer.Write(a.Image);
        }
    }

    public static BundlePayload ReadFrom(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new RetortException($"This bundle's revisions are in format {version}, which this bundle host does not read (it reads {FormatVersion}): build the bundle again.");
        var config = reader.ReadString();
        var revisions = new Revision[reader.ReadInt32()];
        for (var i = 0; i < revisions.Length; i++)
        {
            var id = reader.ReadString();
            var downs = ReadList(reader);
            var labels = ReadList(reader);
            var depends = ReadList(reader);
            var message = reader.ReadString();
            revisions[i] = new Revision(id, downs, labels, depends, message)
            {
                Path = ReadOptional(reader),
                CreateDate = ReadOptional(reader),
                Checksum = ReadOptional(reader),
                Replaces = ReadList(reader),
            };
        }
        var assemblies = new BundledAssembly[reader.ReadInt32()];
        for (var i = 0; i < assemblies.Length; i++)
        {
            var name = reader.ReadString();
            assemblies[i] = new BundledAssembly(name, reader.ReadBytes(reader.ReadInt32()));
        }
        return new BundlePayload(config, revisions, assemblies);
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> items)
    {
        writer.Write(items.Count);
        foreach (var item in items) writer.Write(item);
    }

    private static string[] ReadList(BinaryReader reader)
    {
        var items = new string[reader.ReadInt32()];
        for (var i = 0; i < items.Length; i++) items[i] = reader.ReadString();
        return items;
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}

/// <summary>One compiled assembly of a bundle: its cache group's name (<c>env</c>, <c>revisions03</c>) and its image.</summary>
public sealed record BundledAssembly(string Name, byte[] Image);
