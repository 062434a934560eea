using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeFactory.Inference.Native;

/// <summary>Loading shared libraries by path and pointing an assembly's imports at one: the only place that holds their handles.</summary>
internal static class NativeLibraries
{
    /// <summary>Loads <paramref name="path"/>; throws <see cref="DllNotFoundException"/> or <see cref="BadImageFormatException"/> as the loader does.</summary>
    public static NativeLibraryHandle Load(string path) => new(NativeLibrary.Load(path));

    /// <summary>Whether the dynamic loader finds and loads <paramref name="library"/> (with its dependencies) here.</summary>
    public static bool CanLoad(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Whether <paramref name="library"/> exports <paramref name="symbol"/>.</summary>
    public static bool Exports(NativeLibraryHandle library, string symbol) =>
        NativeLibrary.TryGetExport(library.DangerousGetHandle(), symbol, out _);

    /// <summary>
    /// Resolves <paramref name="assembly"/>'s imports of <paramref name="libraryName"/> to <paramref name="library"/> for the
    /// rest of the process (the resolver keeps the handle alive); throws <see cref="InvalidOperationException"/> when the
    /// assembly already has a resolver.
    /// </summary>
    public static void ResolveImports(Assembly assembly, string libraryName, NativeLibraryHandle library) =>
        NativeLibrary.SetDllImportResolver(assembly, (name, _, _) => name == libraryName ? library.DangerousGetHandle() : 0);
}
