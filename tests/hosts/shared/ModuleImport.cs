using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// Import-Module of the built module, as both PowerShell editions do it: RequiredAssemblies,
    /// then the RootModule, with Assembly.LoadFrom; every exported type checked in metadata order,
    /// and an initializer's OnImport run where it is met, so the types before it load before any
    /// resolver is hooked. Remove-Module runs OnRemove.
    /// </summary>
    internal sealed class ModuleImport
    {
        private ModuleImport(Assembly root, List<IModuleAssemblyInitializer> initializers)
        {
            Root = root;
            Initializers = initializers;
        }

        internal Assembly Root { get; }
        internal List<IModuleAssemblyInitializer> Initializers { get; }

        internal static ModuleImport Run(string moduleFolder)
        {
            string manifest = File.ReadAllText(Path.Combine(moduleFolder, "WorkOSDomains.psd1"));
            foreach (string file in ManifestList(manifest, "RequiredAssemblies")) Assembly.LoadFrom(Path.Combine(moduleFolder, file));
            Assembly root = Assembly.LoadFrom(Path.Combine(moduleFolder, ManifestList(manifest, "RootModule").Single()));
            var initializers = new List<IModuleAssemblyInitializer>();
            foreach (Type type in root.GetExportedTypes())
            {
                if ((type.IsPublic || type.IsNestedPublic) && !type.IsAbstract && typeof(IModuleAssemblyInitializer).IsAssignableFrom(type))
                {
                    var initializer = (IModuleAssemblyInitializer)Activator.CreateInstance(type, nonPublic: true)!;
                    initializer.OnImport();
                    initializers.Add(initializer);
                }
            }
            return new ModuleImport(root, initializers);
        }

        /// <summary>
        /// The engine, reached the way the cmdlets reach it: through the cmdlet assembly's own
        /// reference (the type of WorkOSConnection.Client), so the request comes from our code.
        /// </summary>
        internal Assembly Engine()
        {
            PropertyInfo client = Root.GetType("WorkOSDomains.WorkOSConnection", throwOnError: true)!.GetProperty("Client", BindingFlags.NonPublic | BindingFlags.Instance)
                ?? throw new InvalidOperationException("WorkOSConnection.Client is gone: the harness reaches the engine through it.");
            return client.PropertyType.Assembly;
        }

        internal void Remove()
        {
            foreach (IModuleAssemblyCleanup cleanup in Initializers.OfType<IModuleAssemblyCleanup>()) cleanup.OnRemove(null);
        }

        internal void ImportAgain()
        {
            foreach (IModuleAssemblyInitializer initializer in Initializers) initializer.OnImport();
        }

        /// <summary>The type name of the resolver the module's initializer has hooked, "none", or null without an initializer.</summary>
        internal string? HookedResolver()
        {
            FieldInfo? field = ResolverField();
            return field == null ? null : field.GetValue(null)?.GetType().Name ?? "none";
        }

        /// <summary>The resolver the module's initializer has hooked (its private state), or null.</summary>
        internal object? Resolver() => ResolverField()?.GetValue(null);

        private FieldInfo? ResolverField() =>
            Initializers.Select(i => i.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Static).FirstOrDefault(f => f.FieldType.Name == "IDependencyResolver"))
                .FirstOrDefault(f => f != null);

        private static IEnumerable<string> ManifestList(string manifest, string key)
        {
            Match entry = Regex.Match(manifest, $@"^\s*{key}\s*=\s*(@\((?<list>[^)]*)\)|(?<list>'[^']*'))", RegexOptions.Multiline);
            if (!entry.Success) return Enumerable.Empty<string>();
            return Regex.Matches(entry.Groups["list"].Value, "'([^']+)'").Cast<Match>().Select(m => m.Groups[1].Value);
        }
    }
}
