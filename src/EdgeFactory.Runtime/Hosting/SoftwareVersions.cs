using System.Reflection;

namespace EdgeFactory.Runtime.Hosting;

/// <summary>The EdgeFactory version, as the build stamped it (<c>Version</c> in Directory.Build.props).</summary>
public static class SoftwareVersions
{
    /// <summary>The version of this build, without source-revision metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Current { get; } =
        typeof(SoftwareVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
