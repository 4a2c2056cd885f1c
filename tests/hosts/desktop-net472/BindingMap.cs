using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// What an assembly's references really bind to in this process: every type reference in its
    /// metadata is resolved by the runtime (Module.ResolveType on each TypeRef token), exactly as
    /// running code would, and the assembly each type came from is recorded with its version and
    /// where its file is. .NET Framework has no load-context API to ask instead.
    /// </summary>
    internal sealed class BindingMap
    {
        private readonly (string Root, string Where)[] _roots;

        internal BindingMap(params (string Root, string Where)[] roots) =>
            _roots = roots.Select(r => (Path.GetFullPath(r.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, r.Where)).ToArray();

        /// <summary>"ours", "module", "theirs", "host" or "framework", from the file's folder.</summary>
        internal string Where(Assembly assembly)
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location)) return "dynamic";
            string location = Path.GetFullPath(assembly.Location);
            foreach ((string root, string where) in _roots)
                if (location.StartsWith(root, StringComparison.Ordinal) && Path.GetDirectoryName(location) + Path.DirectorySeparatorChar == root) return where;
            return "framework";
        }

        internal string Label(Assembly assembly) => $"{assembly.GetName().Version} {Where(assembly)}";

        /// <summary>Assembly name → the copies (version and place) the references of <paramref name="assemblies"/> bound to; failures under "!".</summary>
        internal Section Of(IEnumerable<Assembly> assemblies)
        {
            var bound = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            var failures = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Assembly assembly in assemblies)
            {
                Module module = assembly.ManifestModule;
                for (int row = 1; row < 100_000; row++)
                {
                    Type type;
                    try
                    {
                        type = module.ResolveType(0x01000000 | row);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        break; // past the last TypeRef row
                    }
                    catch (ArgumentException)
                    {
                        break;
                    }
                    catch (Exception e) when (e is TypeLoadException || e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
                    {
                        failures.Add($"{assembly.GetName().Name}: {FirstLine(e.Message)}");
                        continue;
                    }
                    Assembly target = type.Assembly;
                    if (target == assembly) continue;
                    string name = target.GetName().Name!;
                    if (!bound.TryGetValue(name, out SortedSet<string>? copies)) bound[name] = copies = new SortedSet<string>(StringComparer.Ordinal);
                    copies.Add(Label(target));
                }
            }
            var section = new Section();
            foreach (var pair in bound) section[pair.Key] = pair.Value.ToList();
            if (failures.Count > 0) section["!"] = failures.ToList();
            return section;
        }

        private static string FirstLine(string text)
        {
            int end = text.IndexOf('\n');
            return end < 0 ? text : text.Substring(0, end).TrimEnd('\r');
        }
    }
}
