using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace WorkOSDomains.TestHosts
{
    /// <summary>
    /// Another module in the same Windows PowerShell process, shipping its own versions of our
    /// dependencies: it loads every file of its folder up front (Assembly.LoadFrom) and answers
    /// AssemblyResolve the way Az.Accounts' resolver does on .NET Framework: for any requester,
    /// when it has the name in the same major version and at least the version asked for, and
    /// for System.Memory in any version. Subscribed before our module, it sees every request first.
    /// </summary>
    internal sealed class Neighbour
    {
        private readonly Dictionary<string, Assembly> _assemblies = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        internal Neighbour(string folder)
        {
            Folder = Path.GetFullPath(folder);
            foreach (string file in Directory.GetFiles(Folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                Assembly assembly = Assembly.LoadFrom(file);
                _assemblies[assembly.GetName().Name!] = assembly;
            }
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        internal string Folder { get; }

        internal IEnumerable<Assembly> Assemblies => _assemblies.Values;

        internal int Answered { get; private set; }

        internal List<string> AnsweredForOthers { get; } = new List<string>();

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            if (requested.Name == null || !_assemblies.TryGetValue(requested.Name, out Assembly? mine)) return null;
            Version have = mine.GetName().Version!;
            Version want = requested.Version ?? new Version(0, 0);
            bool answer = (have >= want && have.Major == want.Major) || requested.Name == "System.Memory";
            if (!answer) return null;
            Answered++;
            if (args.RequestingAssembly != null && !_assemblies.ContainsValue(args.RequestingAssembly))
                AnsweredForOthers.Add($"{requested.Name} {want} for {args.RequestingAssembly.GetName().Name}");
            return mine;
        }

        /// <summary>Uses their own container, options, HTTP stack, JSON and DNS client, as that module would.</summary>
        internal Section Use(Lab lab)
        {
            var seen = new Section();
            Type collectionType = Find("Microsoft.Extensions.DependencyInjection.ServiceCollection");
            object services = Reflect.New(collectionType);
            Reflect.CallStatic(Find("Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions"), "AddOptions", services);
            Reflect.CallStatic(Find("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions"), "AddHttpClient", services);
            object provider = Reflect.CallStatic(Find("Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions"), "BuildServiceProvider", services)!;
            object factory = ((IServiceProvider)provider).GetService(Find("System.Net.Http.IHttpClientFactory"))!;
            var http = (System.Net.Http.HttpClient)Reflect.Call(factory, "CreateClient", "theirs")!;
            seen["health"] = http.GetStringAsync(new Uri(lab.BaseUri, "_emulator/health")).GetAwaiter().GetResult().Contains("ready");
            seen["container"] = EngineScenario.Describe(provider.GetType().Assembly);
            seen["httpFactory"] = EngineScenario.Describe(factory.GetType().Assembly);

            if (_assemblies.TryGetValue("System.Text.Json", out Assembly? json))
            {
                Type serializer = Reflect.Type(json, "System.Text.Json.JsonSerializer");
                MethodInfo serialize = serializer.GetMethods().Single(m => m.Name == "Serialize" && !m.IsGenericMethod && m.GetParameters().Select(p => p.ParameterType.Name).SequenceEqual(new[] { "Object", "Type", "JsonSerializerOptions" }));
                seen["json"] = (string)serialize.Invoke(null, new object?[] { new Dictionary<string, int> { ["theirs"] = 8 }, typeof(Dictionary<string, int>), null })!;
                seen["jsonAssembly"] = EngineScenario.Describe(json);
            }

            if (_assemblies.TryGetValue("DnsClient", out Assembly? dns))
            {
                object client = Reflect.New(Reflect.Type(dns, "DnsClient.LookupClient"), new object[] { new[] { lab.Knot } });
                object type = Enum.Parse(Reflect.Type(dns, "DnsClient.QueryType"), "SOA");
                object @class = Enum.Parse(Reflect.Type(dns, "DnsClient.QueryClass"), "IN");
                object response = Reflect.Call(client, "Query", lab.Zone, type, @class)!;
                seen["dnsAnswers"] = ((System.Collections.IEnumerable)Reflect.Get(response, "Answers")!).Cast<object>().Count();
                seen["dnsAssembly"] = EngineScenario.Describe(dns);
            }
            return seen;
        }

        private Type Find(string typeName) =>
            _assemblies.Values.Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t != null)
            ?? throw new InvalidOperationException($"None of the assemblies in {Folder} has {typeName}.");
    }
}
