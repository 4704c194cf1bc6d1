using System.Xml.Linq;

namespace VpceProbe.Lab.Gateway;

/// <summary>Small helpers for EC2's XML answers, matched by local name (moto and AWS differ in the namespace's trailing slash).</summary>
internal static class Ec2Xml
{
    public static string? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    public static XElement? ChildElement(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Named(XElement root, string localName) =>
        root.Descendants().Where(e => e.Name.LocalName == localName);
}
