using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace WorkOSDomains.TestHosts
{
    /// <summary>Where the harness finds the emulator and the Knot server the Pester test started.</summary>
    internal sealed class Lab
    {
        internal Uri BaseUri = null!;
        internal IPEndPoint Knot = null!;
        /// <summary>Knot's run folder (zone files, control socket), as tests/dns/KnotLab.psm1 lays it out.</summary>
        internal string KnotFolder = "";
        internal string Zone = "";
        /// <summary>Names this run's domain, so runs sharing an emulator never meet.</summary>
        internal string Label = "";

        internal static Lab FromArgs(IDictionary<string, string> args) => new Lab
        {
            BaseUri = new Uri(args["base-uri"].TrimEnd('/') + "/"),
            Knot = ParseEndPoint(args["knot"]),
            KnotFolder = args["knot-folder"],
            Zone = args["zone"],
            Label = args["label"],
        };

        internal static Dictionary<string, string> ParseArgs(string[] args)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
            return map;
        }

        private static IPEndPoint ParseEndPoint(string text)
        {
            int colon = text.LastIndexOf(':');
            return new IPEndPoint(IPAddress.Parse(text.Substring(0, colon)), int.Parse(text.Substring(colon + 1)));
        }
    }

    /// <summary>
    /// The engine calls every harness makes, through the engine's public API, late-bound: list
    /// organizations, claim a domain, check its TXT record on the authoritative server (Knot),
    /// publish it, check again and verify, all while the emulator injects faults.
    /// </summary>
    internal static class EngineScenario
    {
        internal const string ApiKey = "sk_test_fake_emulator"; // the emulator's default test key

        internal static void Run(Assembly engine, Lab lab, Report report)
        {
            var diagnostics = new List<string>();
            object client = CreateClient(engine, lab, diagnostics);
            using var control = new HttpClient { BaseAddress = lab.BaseUri, Timeout = TimeSpan.FromSeconds(10) };

            // 1. List organizations; the first GET answers 503 with Retry-After: 1.
            Fault(control, "{\"kind\":\"status\",\"status\":503,\"retry_after\":\"1\",\"method\":\"GET\",\"path\":\"/organizations\",\"count\":1}");
            object query = Reflect.New(Reflect.Type(engine, "WorkOSDomains.Engine.Api.Models.OrganizationQuery"));
            var organizations = ((IEnumerable)Reflect.Call(client, "ListOrganizations", query, CancellationToken.None)!).Cast<object>().ToList();
            report["organizations"] = organizations.Count;
            object organization = organizations.First(o => (string)Reflect.Get(o, "Name")! == "Contoso Ltd");
            string organizationId = (string)Reflect.Get(organization, "Id")!;
            report["modelAssembly"] = Describe(organization.GetType().Assembly);

            // 2. Claim a domain; the connection drops after the emulator committed the first POST.
            string domainName = $"{lab.Label}.{lab.Zone}";
            Fault(control, "{\"kind\":\"reset_after_commit\",\"method\":\"POST\",\"path\":\"/organization_domains\",\"count\":1}");
            object domain = Reflect.Await(Reflect.Call(client, "CreateOrganizationDomainAsync", organizationId, domainName, null, CancellationToken.None))!;
            string domainId = (string)Reflect.Get(domain, "Id")!;
            string token = (string)Reflect.Get(domain, "VerificationToken")!;
            string? prefix = (string?)Reflect.Get(domain, "VerificationPrefix");
            report["createdState"] = Reflect.Get(domain, "State");

            // 3. The authoritative check before the record exists, then after it is published.
            object inspector = CreateInspector(engine, lab);
            object challenge = Reflect.CallStatic(Reflect.Type(engine, "WorkOSDomains.Engine.Dns.DnsChallenge"), "Create", domainName, token, prefix)!;
            object before = Check(inspector, challenge);
            report["dnsBefore"] = Reflect.Get(before, "Status")!.ToString();
            report["dnsBeforeFindings"] = ((IEnumerable)Reflect.Get(before, "Findings")!).Cast<object>().Select(f => (string)Reflect.Get(f, "Code")!).ToList();
            report["dnsZone"] = Reflect.Get(before, "Zone");

            Publish(lab, $"{prefix ?? "_workos-challenge"}.{lab.Label}", token);
            object after = before;
            for (int i = 0; i < 50 && Reflect.Get(after, "Status")!.ToString() != "Pass"; i++)
            {
                Thread.Sleep(100);
                after = Check(inspector, challenge);
            }
            report["dnsAfter"] = Reflect.Get(after, "Status")!.ToString();
            report["dnsAfterServers"] = ((IEnumerable)Reflect.Get(after, "Servers")!).Cast<object>().Select(s => s.ToString()).ToList();

            // 4. Verify; the first POST answers 503 with Retry-After: 1. The emulator asks Knot.
            Fault(control, "{\"kind\":\"status\",\"status\":503,\"retry_after\":\"1\",\"method\":\"POST\",\"path\":\"/organization_domains/" + domainId + "/verify\",\"count\":1}");
            object verified = Reflect.Await(Reflect.Call(client, "VerifyOrganizationDomainAsync", domainId, CancellationToken.None))!;
            report["verifiedState"] = Reflect.Get(verified, "State");

            // 5. The dropped create was not made twice.
            object reread = Reflect.Await(Reflect.Call(client, "GetOrganizationAsync", organizationId, CancellationToken.None))!;
            report["domainCopies"] = ((IEnumerable)Reflect.Get(reread, "Domains")!).Cast<object>().Count(d => (string)Reflect.Get(d, "Domain")! == domainName);

            lock (diagnostics) report["http"] = diagnostics.ToList();
        }

        private static object CreateClient(Assembly engine, Lab lab, List<string> diagnostics)
        {
            Type optionsType = Reflect.Type(engine, "WorkOSDomains.Engine.Api.WorkOSClientOptions");
            object options = Reflect.New(optionsType);
            Reflect.Set(options, "ApiKey", Reflect.CallStatic(Reflect.Type(engine, "WorkOSDomains.Engine.Api.ApiKey"), "Parse", ApiKey, "ApiKey"));
            Reflect.Set(options, "BaseUri", lab.BaseUri);
            Reflect.Set(options, "RetryBaseDelay", TimeSpan.FromMilliseconds(50));
            Reflect.Set(options, "RequestTimeout", TimeSpan.FromSeconds(10));
            Reflect.Set(options, "UserAgentComment", "host harness");

            // Action<HttpDiagnostic> made from a method taking object: the harness cannot name the type.
            PropertyInfo sinkProperty = optionsType.GetProperty("Diagnostics")!;
            var sink = new DiagnosticSink(diagnostics);
            Delegate callback = Delegate.CreateDelegate(Nullable.GetUnderlyingType(sinkProperty.PropertyType) ?? sinkProperty.PropertyType, sink, typeof(DiagnosticSink).GetMethod(nameof(DiagnosticSink.Add))!);
            sinkProperty.SetValue(options, callback);
            return Reflect.New(Reflect.Type(engine, "WorkOSDomains.Engine.Api.WorkOSClient"), options);
        }

        private static object CreateInspector(Assembly engine, Lab lab)
        {
            object options = Reflect.New(Reflect.Type(engine, "WorkOSDomains.Engine.Dns.DnsCheckOptions"));
            ((IList<IPEndPoint>)Reflect.Get(options, "BootstrapResolvers")!).Add(lab.Knot);
            Reflect.Set(options, "AuthoritativePort", lab.Knot.Port);
            Reflect.Set(options, "QueryTimeout", TimeSpan.FromSeconds(2));
            return Reflect.New(Reflect.Type(engine, "WorkOSDomains.Engine.Dns.DnsInspector"), options);
        }

        private static object Check(object inspector, object challenge) =>
            Reflect.Await(Reflect.Call(inspector, "CheckAsync", challenge, CancellationToken.None))!;

        private static void Fault(HttpClient control, string json)
        {
            using var body = new StringContent(json, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = control.PostAsync("_emulator/faults", body).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The emulator refused the fault {json}: {(int)response.StatusCode}.");
        }

        /// <summary>Rewrites the test zone with one TXT record and has Knot reload it (serial + 1).</summary>
        private static void Publish(Lab lab, string owner, string token)
        {
            string file = Path.Combine(lab.KnotFolder, lab.Zone + ".zone");
            Match current = Regex.Match(File.ReadAllText(file), @"IN SOA \S+ \S+ (\d+)");
            long serial = (current.Success ? long.Parse(current.Groups[1].Value) : 1) + 1;
            File.WriteAllText(file, string.Join("\n",
                $"$ORIGIN {lab.Zone}.", "$TTL 300",
                $"@ IN SOA ns1 hostmaster {serial} 3600 600 86400 300",
                "@ IN NS ns1", $"ns1 IN A {lab.Knot.Address}",
                $"{owner} IN TXT \"{token}\"", ""));
            var start = new ProcessStartInfo("knotc", $"-s \"{Path.Combine(lab.KnotFolder, "knot.sock")}\" zone-reload {lab.Zone}")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process knotc = Process.Start(start)!;
            string output = knotc.StandardOutput.ReadToEnd() + knotc.StandardError.ReadToEnd();
            knotc.WaitForExit();
            if (knotc.ExitCode != 0) throw new InvalidOperationException($"knotc zone-reload failed: {output}");
        }

        /// <summary>One line per assembly: name, version and file.</summary>
        internal static string Describe(Assembly assembly) =>
            $"{assembly.GetName().Name} {assembly.GetName().Version} {(assembly.IsDynamic ? "(dynamic)" : assembly.Location)}";

        private sealed class DiagnosticSink
        {
            private readonly List<string> _lines;

            internal DiagnosticSink(List<string> lines) => _lines = lines;

            public void Add(object diagnostic)
            {
                lock (_lines) _lines.Add(diagnostic.ToString() ?? "");
            }
        }
    }
}
