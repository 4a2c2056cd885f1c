using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace WorkOSDomains.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no AssemblyLoadContext. The runtime raises
    /// AssemblyResolve for anything it cannot find in the application base; we answer only for
    /// assemblies shipped in our Dependencies folder, loading each exact file once, so other
    /// modules' versions never satisfy our references and ours never satisfy theirs.
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
            // Answer only the requests that come from our own code (or a request with no
            // requester, which is how the cmdlet assembly's first reference to the engine looks).
            Assembly? requester = args.RequestingAssembly;
            if (requester != null && !IsOurs(requester)) return null;

            // The engine, loaded from its own file, does not probe the module folder: give it the
            // object model the cmdlets use. LoadFrom of the same file returns the instance the
            // manifest's RequiredAssemblies loaded, so both sides share one set of types.
            if (requested.Name == DependencyFolder.ModelAssemblyName)
                return Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(_folder)!, DependencyFolder.ModelAssemblyName + ".dll"));

            string? path = DependencyFolder.PathOf(_folder, requested.Name);
            if (path == null) return null;

            try
            {
                return Loaded.GetOrAdd(path, Assembly.LoadFile);
            }
            catch (Exception e) when (e is System.IO.FileLoadException || e is BadImageFormatException)
            {
                throw DependencyFolder.Unloadable(path, e);
            }
        }

        private static bool IsOurs(Assembly assembly) =>
            assembly == typeof(DesktopResolver).Assembly || Loaded.Values.Contains(assembly);
    }
}
