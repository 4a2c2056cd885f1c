using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// Loads the built module the way PowerShell 7.4 does, on .NET 8, in a process whose default
    /// load context already holds Microsoft.Extensions.* 8.0, and reports what happened as one
    /// line "HOSTREPORT {json}" for tests/pester/Hosts.Tests.ps1 to judge.
    /// Usage: WorkOSDomains.CoreHost --module DIR --base-uri URI --knot IP:PORT --knot-folder DIR --zone ZONE --label LABEL
    /// </summary>
    internal static class Program
    {
        /// <summary>The assemblies whose copy each side got is reported.</summary>
        private static readonly string[] Watched =
        {
            "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe",
            "System.Diagnostics.DiagnosticSource", "Microsoft.Bcl.AsyncInterfaces", "System.IO.Pipelines",
            "Microsoft.Extensions.Http", "Microsoft.Extensions.Options", "Microsoft.Extensions.DependencyInjection",
            "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Logging.Abstractions",
            "Microsoft.Extensions.Primitives", "DnsClient",
        };

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

            // 1. The host uses its own Microsoft.Extensions 8 before the module is imported.
            Phase("theirsBefore", () => report["theirsBefore"] = UseHostStack(lab));

            // 2. Import-Module: RequiredAssemblies, then the RootModule, with Assembly.LoadFrom (into
            //    the default context); every exported type checked, OnImport run where it is met.
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
                report["engine"] = Describe(engine, dependencies, moduleFolder);
            });

            Phase("ours", () =>
            {
                var ours = new Report();
                report["ours"] = ours;
                EngineScenario.Run(engine ?? throw new InvalidOperationException("The engine was never reached."), lab, ours);
            });

            // 4. Which copy each side got: every reference of our assemblies, resolved by the
            //    engine's load context as the runtime resolves it (with the version it asks for),
            //    and every reference of the host's assemblies, resolved by the default context.
            Phase("copies", () =>
            {
                AssemblyLoadContext engineContext = AssemblyLoadContext.GetLoadContext(engine!)!;
                var ours = Bindings(engineContext, engineContext.Assemblies.ToList(), dependencies, moduleFolder);
                var theirs = Bindings(AssemblyLoadContext.Default, AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic && PathEquals(Path.GetDirectoryName(a.Location)!, AppContext.BaseDirectory)).ToList(), dependencies, moduleFolder);
                var copies = new Section();
                foreach (string name in Watched)
                {
                    copies[name] = new Section
                    {
                        ["ours"] = ours.TryGetValue(name, out SortedSet<string>? o) ? o.ToList() : new List<string>(),
                        ["theirs"] = theirs.TryGetValue(name, out SortedSet<string>? t) ? t.ToList() : new List<string>(),
                    };
                }
                report["copies"] = copies;
                report["engineCopies"] = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "WorkOSDomains.Engine");
                report["modelCopies"] = AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "WorkOSDomains.Model");
                report["modelShared"] = ReferenceEquals(
                    engineContext.LoadFromAssemblyName(new AssemblyName("WorkOSDomains.Model")),
                    AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "WorkOSDomains.Model"));
            });

            // 5. The host's stack again, after ours ran.
            Phase("theirsAfter", () => report["theirsAfter"] = UseHostStack(lab));

            // 6. Remove-Module unhooks: the default context no longer finds the engine; Import-Module
            //    again finds the very same engine.
            Phase("remove", () =>
            {
                var name = engine!.GetName();
                report["engineBeforeRemove"] = TryLoad(name, engine, dependencies, moduleFolder);
                module!.Remove();
                report["resolverAfterRemove"] = module!.HookedResolver();
                report["engineAfterRemove"] = TryLoad(name, engine, dependencies, moduleFolder);
                module!.ImportAgain();
                report["resolverAfterReimport"] = module!.HookedResolver();
                report["engineAfterReimport"] = TryLoad(name, engine, dependencies, moduleFolder);
            });

            Console.WriteLine("HOSTREPORT " + report.ToJson());
            return Errors.Count == 0 ? 0 : 1;
        }

        /// <summary>The host's own container, options and HTTP stack (Microsoft.Extensions 8), as PowerShell's other modules would use them.</summary>
        private static Section UseHostStack(Lab lab)
        {
            var services = new ServiceCollection();
            services.AddOptions();
            services.AddHttpClient();
            using ServiceProvider provider = services.BuildServiceProvider();
            HttpClient http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("theirs");
            return new Section
            {
                ["health"] = http.GetStringAsync(new Uri(lab.BaseUri, "_emulator/health")).GetAwaiter().GetResult().Contains("ready"),
                ["container"] = typeof(ServiceProvider).Assembly.GetName().Version?.ToString(),
                ["httpFactory"] = provider.GetRequiredService<IHttpClientFactory>().GetType().Assembly.GetName().Version?.ToString(),
                ["json"] = typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version?.ToString(),
            };
        }

        /// <summary>Name → "asked -> version context where" for each reference of <paramref name="from"/> to a watched name.</summary>
        private static Dictionary<string, SortedSet<string>> Bindings(AssemblyLoadContext context, List<Assembly> from, string dependencies, string moduleFolder)
        {
            var bound = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (Assembly assembly in from)
            {
                foreach (AssemblyName reference in assembly.GetReferencedAssemblies().Where(r => Watched.Contains(r.Name)))
                {
                    string got;
                    try
                    {
                        got = Describe(context.LoadFromAssemblyName(reference), dependencies, moduleFolder);
                    }
                    catch (Exception e) when (e is FileNotFoundException || e is FileLoadException)
                    {
                        got = "not found";
                    }
                    if (!bound.TryGetValue(reference.Name!, out SortedSet<string>? set)) bound[reference.Name!] = set = new SortedSet<string>(StringComparer.Ordinal);
                    set.Add($"{reference.Version} -> {got}");
                }
            }
            return bound;
        }

        private static string TryLoad(AssemblyName name, Assembly expected, string dependencies, string moduleFolder)
        {
            try
            {
                Assembly found = AssemblyLoadContext.Default.LoadFromAssemblyName(name);
                return Describe(found, dependencies, moduleFolder) + (ReferenceEquals(found, expected) ? " same" : " other");
            }
            catch (FileNotFoundException)
            {
                return "not found";
            }
        }

        /// <summary>"version context where": where is ours (Dependencies), module, or app (the host's folder: runtime and host libraries).</summary>
        private static string Describe(Assembly assembly, string dependencies, string moduleFolder)
        {
            string folder = Path.GetDirectoryName(assembly.Location) ?? "";
            string where = PathEquals(folder, dependencies) ? "ours" : PathEquals(folder, moduleFolder) ? "module" : PathEquals(folder, AppContext.BaseDirectory) ? "app" : folder;
            return $"{assembly.GetName().Version} {AssemblyLoadContext.GetLoadContext(assembly)?.GetType().Name ?? "?"} {where}";
        }

        private static bool PathEquals(string a, string b) =>
            string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

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


    }
}
