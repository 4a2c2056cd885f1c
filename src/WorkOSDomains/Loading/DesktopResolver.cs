using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace WorkOSDomains.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no AssemblyLoadContext. The runtime raises
    /// AssemblyResolve for anything it cannot find in the application base; we answer only for
    /// assemblies shipped in our Dependencies folder, for our own code, loading each exact file
    /// once, so other modules' versions never satisfy our references and ours never satisfy theirs.
    /// See docs/dependency-isolation.md.
    /// </summary>
    internal sealed class DesktopResolver : IDependencyResolver
    {
        // Per process, not per resolver: .NET Framework cannot unload an assembly, so after
        // Remove-Module and Import-Module the new resolver must know the dependencies the first one
        // loaded as ours, or their references to files not loaded yet go unanswered.
        private static readonly ConcurrentDictionary<string, Assembly> Loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        private readonly string _folder;

        internal DesktopResolver(string folder) => _folder = folder;

        public void Hook() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void Unhook() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            // The engine, loaded from its own file, does not probe the module folder: give it the
            // object model the cmdlets use. LoadFrom of the same file returns the instance the
            // manifest's RequiredAssemblies loaded, so both sides share one set of types.
            string? path = requested.Name == DependencyFolder.ModelAssemblyName
                ? Path.Combine(Path.GetDirectoryName(_folder)!, DependencyFolder.ModelAssemblyName + ".dll")
                : DependencyFolder.PathOf(_folder, requested.Name);
            if (path == null || !MayAnswer(args.RequestingAssembly, requested, path)) return null;
            if (requested.Name == DependencyFolder.ModelAssemblyName) return Assembly.LoadFrom(path);

            try
            {
                return Loaded.GetOrAdd(path, Assembly.LoadFile);
            }
            catch (Exception e) when (e is System.IO.FileLoadException || e is BadImageFormatException)
            {
                throw DependencyFolder.Unloadable(path, e);
            }
        }

        /// <summary>
        /// Whether a request is ours to answer: one from our own code, or one that names no
        /// requester (a load by name; .NET Framework often leaves the requester out) and that our
        /// file satisfies without breaking the caller: the same major version, not newer than ours.
        /// Another module's request, or one for another major version, is never handed our copy.
        /// </summary>
        private static bool MayAnswer(Assembly? requester, AssemblyName requested, string path)
        {
            if (requester != null) return requester == typeof(DesktopResolver).Assembly || Loaded.Values.Contains(requester);
            Version? ours = AssemblyName.GetAssemblyName(path).Version;
            Version wanted = requested.Version ?? new Version(0, 0);
            return ours != null && ours.Major == wanted.Major && ours >= wanted;
        }
    }
}
