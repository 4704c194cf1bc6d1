using VpceProbe.Lab.DataPlane;
using VpceProbe.Lab.Topology;

namespace VpceProbe.Lab.Lifecycle;

/// <summary>
/// The topology a lab was started with, kept in its state directory (topology.json) by `lab up`: the daemon and
/// `lab status` read it there, so a lab from a file of your own keeps working after the file is moved or edited.
/// </summary>
internal static class LabTopologyFile
{
    public static string PathFor(LabNames names) => Path.Combine(names.StateDirectory, "topology.json");

    public static void Save(LabNames names, LabTopology topology) => File.WriteAllText(PathFor(names), TopologyReader.Serialize(topology));

    /// <summary>The lab's topology; labs started before topology files existed have only the built-in name.</summary>
    public static LabTopology Load(LabNames names, LabRecord record)
    {
        var path = PathFor(names);
        if (!File.Exists(path))
        {
            return LabTopology.Load(record.Topology);
        }

        var read = TopologyReader.Parse(File.ReadAllText(path), path);
        return read.Topology ?? throw new InvalidOperationException($"the lab's {path} is invalid: {string.Join("; ", read.Errors)}");
    }
}
