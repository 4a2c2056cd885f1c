using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace WorkOSDomains.Loading
{
    /// <summary>
    /// PowerShell 7: the engine and its dependencies live in a private AssemblyLoadContext, so
    /// whatever versions other modules loaded (Az.Accounts ships its own Microsoft.Extensions.*)
    /// neither break us nor are broken by us. Only the engine is answered for from the default
    /// context; its own references are resolved by <see cref="EngineLoadContext"/>.
    /// </summary>
    internal sealed class CoreResolver : IDependencyResolver
    {
        private readonly string _folder;

        internal CoreResolver(string folder) => _folder = folder;

        public void Hook() => AssemblyLoadContext.Default.Resolving += ResolveEngine;

        public void Unhook() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
        {
            if (!string.Equals(name.Name, DependencyFolder.EngineAssemblyName, StringComparison.Ordinal)) return null;
            return EngineLoadContext.For(_folder).LoadFromAssemblyPath(Path.Combine(_folder, name.Name + ".dll"));
        }
    }

    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        // One context per process: assemblies cannot be unloaded from a non-collectible context,
        // and a second Import-Module must see the very same engine types as the first.
        private static readonly object Gate = new object();
        private static EngineLoadContext? _instance;

        private readonly string _folder;
        private readonly Dictionary<string, Version> _frameworkVersions;

        private EngineLoadContext(string folder)
        {
            _folder = folder;
            _frameworkVersions = ReadFrameworkVersions();
        }

        internal static EngineLoadContext For(string folder)
        {
            lock (Gate) return _instance ??= new EngineLoadContext(folder);
        }

        protected override Assembly? Load(AssemblyName name)
        {
            string? path = DependencyFolder.PathOf(_folder, name.Name);
            if (path == null) return null; // not ours: the default context (framework, PowerShell) answers

            // netstandard2.0 packages carry polyfills (System.Memory, System.Buffers...) that the
            // runtime already has in a newer version; two copies would split types like Span<T>.
            if (_frameworkVersions.TryGetValue(name.Name!, out Version? framework) && framework >= (name.Version ?? new Version()))
                return null;

            try
            {
                return LoadFromAssemblyPath(path);
            }
            catch (Exception e) when (e is FileLoadException || e is BadImageFormatException)
            {
                throw DependencyFolder.Unloadable(path, e);
            }
        }

        private static Dictionary<string, Version> ReadFrameworkVersions()
        {
            var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
            string frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            foreach (string file in Directory.EnumerateFiles(frameworkFolder, "*.dll"))
            {
                try
                {
                    AssemblyName name = AssemblyName.GetAssemblyName(file);
                    if (name.Name != null && name.Version != null) versions[name.Name] = name.Version;
                }
                catch (BadImageFormatException)
                {
                    // native library in the framework folder
                }
            }
            return versions;
        }
    }
}
