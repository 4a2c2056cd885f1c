using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// Loads the built module the way Windows PowerShell 5.1 does, in a process where another
    /// module already loaded other versions of our dependencies, and reports what happened as one
    /// line "HOSTREPORT {json}" for tests/pester/Hosts.Tests.ps1 to judge.
    /// Usage: WorkOSDomains.DesktopHost.exe --module DIR --theirs DIR --base-uri URI --knot IP:PORT
    ///        --knot-folder DIR --zone ZONE --label LABEL
    /// </summary>
    internal static class Program
    {
        private static readonly List<string> Errors = new List<string>();

        private static int Main(string[] args)
        {
            Dictionary<string, string> options = Lab.ParseArgs(args);
            Lab lab = Lab.FromArgs(options);
            string moduleFolder = Path.GetFullPath(options["module"]);
            string dependencies = Path.Combine(moduleFolder, "Dependencies");
            var report = new Report
            {
                ["runtime"] = RuntimeInformation.FrameworkDescription,
                ["errors"] = Errors,
            };
            var map = new BindingMap((dependencies, "ours"), (moduleFolder, "module"), (options["theirs"], "theirs"), (AppDomain.CurrentDomain.BaseDirectory, "host"));

            // Every request the runtime could not satisfy on its own, with who asked. Subscribed
            // first and answering nothing, it only watches.
            var requests = new List<string>();
            AppDomain.CurrentDomain.AssemblyResolve += (sender, e) =>
            {
                lock (requests) requests.Add($"{e.Name} <- {e.RequestingAssembly?.GetName().Name ?? "(none)"}");
                return null;
            };

            // 1. The other module is imported first and uses its versions.
            Neighbour? theirs = null;
            Phase("theirsBefore", () =>
            {
                theirs = new Neighbour(options["theirs"]);
                report["theirsBefore"] = theirs.Use(lab);
            });

            // 2. Import-Module: RequiredAssemblies, then the RootModule, both with Assembly.LoadFrom;
            //    then OnImport of every exported IModuleAssemblyInitializer.
            ModuleImport? module = null;
            Phase("import", () =>
            {
                module = ModuleImport.Run(moduleFolder);
                report["initializers"] = module.Initializers.Select(i => i.GetType().FullName).ToList();
                report["resolver"] = module.HookedResolver();
            });

            // 3. The engine, reached through the cmdlet assembly's own reference.
            Assembly? engine = null;
            Phase("engine", () =>
            {
                engine = module!.Engine();
                report["engine"] = map.Label(engine);
            });

            Phase("ours", () =>
            {
                var ours = new Report();
                report["ours"] = ours;
                EngineScenario.Run(engine ?? throw new InvalidOperationException("The engine was never reached."), lab, ours);
            });

            Phase("copies", () =>
            {
                Assembly[] loaded = AppDomain.CurrentDomain.GetAssemblies();
                report["engineCopies"] = loaded.Count(a => a.GetName().Name == "WorkOSDomains.Engine");
                report["modelCopies"] = loaded.Count(a => a.GetName().Name == "WorkOSDomains.Model");
            });

            // 4. The other module again, after ours ran.
            Phase("theirsAfter", () => report["theirsAfter"] = theirs!.Use(lab));

            // 5. Remove-Module: OnRemove unhooks, and the dependencies of ours that nothing loaded
            //    yet are no longer found; Import-Module again hooks a new resolver. (Probed by loads
            //    with no requesting assembly, which the resolver answers: on Mono a static reference
            //    that failed once stays failed for the life of the process.)
            var afterRemove = new Dictionary<string, string>();
            Phase("remove", () =>
            {
                List<string> candidates = UnloadedDependencies(dependencies, theirs!);
                module!.Remove();
                report["resolverAfterRemove"] = module!.HookedResolver();
                // Names the runtime finds on its own (Mono's facades) say nothing about our resolver.
                foreach (string name in candidates) afterRemove[name] = TryLoad(name, map);
                report["probeAfterRemove"] = afterRemove;
                module!.ImportAgain();
                report["resolverAfterReimport"] = module!.HookedResolver();
            });

            // 6. What every reference of each side binds to, now, through the resolver of the second
            //    import: our dependencies loaded by the first one still ask for files not loaded yet.
            Phase("bindings", () =>
            {
                report["oursBind"] = map.Of(Ours(map));
                report["theirsBind"] = map.Of(theirs!.Assemblies);
                report["theirsAnsweredForOthers"] = theirs.AnsweredForOthers;
                report["probeAfterReimport"] = afterRemove.Where(p => p.Value == "not found").ToDictionary(p => p.Key, p => TryLoad(p.Key, map));
            });

            // 7. Requests that are not ours: another module's code asking for one of our names
            //    (handed to our resolver directly, past the neighbour's handler), and loads by
            //    name, with no requester, of another major version of each of our dependencies.
            Phase("foreign", () =>
            {
                object resolver = module!.Resolver() ?? throw new InvalidOperationException("No resolver is hooked.");
                MethodInfo resolve = resolver.GetType().GetMethod("Resolve", BindingFlags.NonPublic | BindingFlags.Instance)
                    ?? throw new InvalidOperationException("The resolver has no Resolve handler.");
                Assembly stranger = theirs!.Assemblies.First();
                var fromStranger = new Dictionary<string, string>();
                var otherMajor = new Dictionary<string, string>();
                foreach (AssemblyName name in Directory.GetFiles(dependencies, "*.dll").Select(AssemblyName.GetAssemblyName))
                {
                    var answer = (Assembly?)resolve.Invoke(resolver, new object?[] { null, new ResolveEventArgs(name.FullName, stranger) });
                    fromStranger[name.Name!] = answer == null ? "not answered" : map.Label(answer);
                    if (name.Version!.Major == 0) continue;
                    var other = new AssemblyName(name.FullName) { Version = new Version(name.Version.Major - 1, 0, 0, 0) };
                    otherMajor[other.FullName] = TryLoad(other.FullName, map);
                }
                report["foreignRequester"] = fromStranger;
                report["otherMajorByName"] = otherMajor;
            });

            lock (requests) report["resolveRequests"] = requests.ToList();
            Console.WriteLine("HOSTREPORT " + report.ToJson());
            return Errors.Count == 0 ? 0 : 1;
        }

        private static void Phase(string name, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                Errors.Add($"{name}: {e}");
            }
        }

        private static IEnumerable<Assembly> Ours(BindingMap map) =>
            AppDomain.CurrentDomain.GetAssemblies().Where(a => map.Where(a) == "ours" || map.Where(a) == "module");

        /// <summary>The full names of the dependencies we ship that nothing has loaded and the neighbour would not answer for.</summary>
        private static List<string> UnloadedDependencies(string dependencies, Neighbour theirs)
        {
            var loaded = new HashSet<string>(AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name + " " + a.GetName().Version), StringComparer.OrdinalIgnoreCase);
            var theirNames = theirs.Assemblies.ToDictionary(a => a.GetName().Name!, a => a.GetName().Version!, StringComparer.OrdinalIgnoreCase);
            return Directory.GetFiles(dependencies, "*.dll").OrderBy(f => f, StringComparer.Ordinal)
                .Select(AssemblyName.GetAssemblyName)
                .Where(n => !loaded.Contains(n.Name + " " + n.Version) && !(theirNames.TryGetValue(n.Name!, out Version? v) && v.Major == n.Version!.Major))
                .Select(n => n.FullName)
                .ToList();
        }

        private static string TryLoad(string fullName, BindingMap map)
        {
            try
            {
                return map.Label(Assembly.Load(fullName));
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException)
            {
                return "not found";
            }
        }

    }
}
